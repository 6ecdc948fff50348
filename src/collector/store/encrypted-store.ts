import type { AccessLogRow } from '../../shared/access-log.js';
import type { Choices } from '../../shared/categories.js';
import type { KeyringSource } from '../crypto/key-source.js';
import { lookupKey, openRow, sealRow, sealRows } from '../crypto/seal.js';
import type { DashboardStore, DashQuery } from '../dashboard/types.js';
import type { PersonalBackend } from './personal-backend.js';
import type {
  AuditEntry,
  BadRow,
  ConsentQuery,
  ConsentRow,
  Corrections,
  DeleteResult,
  InsertResult,
  PurgeCutoffs,
  PurgeResult,
  ReportQuery,
  Store,
  StoredConsentRow,
  StoredToken,
  TokenInfo,
  TopDimension,
  TopRow,
  Totals,
  VisitorData,
} from './types.js';

async function* opened<T extends object>(rows: AsyncIterable<T>, open: (row: T) => T): AsyncIterable<T> {
  for await (const row of rows) yield open(row);
}

/**
 * Personal columns encrypted at rest around any Store (issue 9): values are sealed on the way in
 * (cipher text in `_enc` columns, blind indexes in the id columns) and opened on the way out, and
 * lookups by visitor or consent id are made with the blind index. Reports, distinct counts and the
 * dashboard's roll-ups run on the blind indexes unchanged, so the backends need no cipher code.
 */
export class EncryptedStore implements Store {
  readonly dashboard?: DashboardStore;
  readonly personal?: PersonalBackend;

  constructor(
    private readonly inner: Store,
    readonly keys: KeyringSource,
  ) {
    if (inner.personal) this.personal = inner.personal;
    if (inner.dashboard) this.dashboard = this.wrapDashboard(inner.dashboard);
  }

  private wrapDashboard(dashboard: DashboardStore): DashboardStore {
    // Only the row export reads personal values; every other panel counts blind indexes.
    const exportRows = (q: DashQuery) => opened(dashboard.exportRows(q), (r) => this.openEvent(r));
    return new Proxy(dashboard, {
      get: (target, prop, receiver) =>
        prop === 'exportRows' ? exportRows : Reflect.get(target, prop, receiver),
    });
  }

  private readonly openEvent = (row: AccessLogRow) => openRow(this.keys, 'access_log', row);
  private readonly openConsent = <T extends ConsentRow>(row: T) => openRow(this.keys, 'consent_log', row);
  private readonly openBad = (row: BadRow) => openRow(this.keys, 'bad_rows', row);
  private lookup(id: string): string {
    return lookupKey(this.keys.get(), id);
  }

  insertEvents(rows: AccessLogRow[]): Promise<InsertResult> {
    return this.inner.insertEvents(sealRows(this.keys.get(), 'access_log', rows));
  }
  insertConsent(row: ConsentRow): Promise<InsertResult> {
    return this.inner.insertConsent(sealRow(this.keys.get(), 'consent_log', row));
  }
  insertBadRows(rows: BadRow[]): Promise<number> {
    return this.inner.insertBadRows(sealRows(this.keys.get(), 'bad_rows', rows));
  }
  consentRows(query: ConsentQuery): AsyncIterable<StoredConsentRow> {
    const q = query.consentId === undefined ? query : { ...query, consentId: this.lookup(query.consentId) };
    return opened(this.inner.consentRows(q), this.openConsent);
  }
  exportRows(query: ReportQuery): AsyncIterable<AccessLogRow> {
    return opened(this.inner.exportRows(query), this.openEvent);
  }
  consentChoices(consentId: string): Promise<Choices | null> {
    return this.inner.consentChoices(this.lookup(consentId));
  }
  async visitorData(visitorId: string): Promise<VisitorData> {
    const data = await this.inner.visitorData(this.lookup(visitorId));
    return {
      access_log: data.access_log.map(this.openEvent),
      bad_rows: data.bad_rows.map(this.openBad),
      consent_log: data.consent_log.map(this.openConsent),
    };
  }
  deleteVisitor(visitorId: string): Promise<DeleteResult> {
    return this.inner.deleteVisitor(this.lookup(visitorId));
  }
  correctVisitor(visitorId: string, changes: Corrections): Promise<number> {
    return this.inner.correctVisitor(this.lookup(visitorId), changes);
  }

  // Nothing personal below: passed through.
  putConsentTexts(hash: string, texts: string): Promise<boolean> {
    return this.inner.putConsentTexts(hash, texts);
  }
  consentTexts(hash: string): Promise<string | null> {
    return this.inner.consentTexts(hash);
  }
  totals(query: ReportQuery): Promise<Totals> {
    return this.inner.totals(query);
  }
  top(dimension: TopDimension, query: ReportQuery & { limit?: number }): Promise<TopRow[]> {
    return this.inner.top(dimension, query);
  }
  appendAudit(entry: AuditEntry): Promise<void> {
    return this.inner.appendAudit(entry);
  }
  auditEntries(limit?: number): Promise<AuditEntry[]> {
    return this.inner.auditEntries(limit);
  }
  purge(cutoffs: PurgeCutoffs): Promise<PurgeResult> {
    return this.inner.purge(cutoffs);
  }
  ipSalt(day: string): Promise<Buffer> {
    return this.inner.ipSalt(day);
  }
  createToken(token: StoredToken): Promise<void> {
    return this.inner.createToken(token);
  }
  listTokens(): Promise<TokenInfo[]> {
    return this.inner.listTokens();
  }
  revokeToken(nameOrId: string, at: number): Promise<boolean> {
    return this.inner.revokeToken(nameOrId, at);
  }
  tokenByHash(hash: string): Promise<TokenInfo | null> {
    return this.inner.tokenByHash(hash);
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
