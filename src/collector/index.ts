/** `consentlog/collector`: mount the collector in your own Node server, or run it. */
export { type BuildAppOptions, buildApp } from './app.js';
export { type CollectorConfig, DEFAULTS, resolveConfig } from './config.js';
export type { IpMode } from './enrich/ip.js';
export type { ErrorCode, ErrorReply } from './errors.js';
export type { ConsentReply } from './schemas/consent.js';
export { type RunningServer, type StartServerOptions, startServer } from './server.js';
export { type OpenStoreOptions, openStore } from './store/open.js';
export { openSqliteStore } from './store/sqlite.js';
export type {
  ConsentRow,
  InsertResult,
  ReportQuery,
  Store,
  TopDimension,
  TopRow,
  Totals,
} from './store/types.js';
