import './styles.css';
import { ApiError, apiGet, currentSession, signIn, signOut, whenUnauthorised } from './api/client.js';
import type { AuditEntryReply } from './api/types.js';
import { Dashboard } from './app.js';
import { byId } from './lib/dom.js';
import { renderAudit } from './views/audit.js';

let dashboard: Dashboard | null = null;

function showSignIn(message = ''): void {
  dashboard?.stop();
  dashboard = null;
  byId('app').hidden = true;
  byId('sign-out').hidden = true;
  byId('sign-in').hidden = false;
  byId('sign-in-error').textContent = message;
  byId('token').focus();
}

async function showDashboard(role: string): Promise<void> {
  byId('sign-in').hidden = true;
  byId('app').hidden = false;
  byId('sign-out').hidden = false;
  // Analysts get the rows without the personal columns, and no audit log (the API enforces both).
  byId('export-note').textContent =
    role === 'admin' ? '' : 'As an analyst you get every column except IP, ids and user agent.';
  byId('audit-section').hidden = role !== 'admin';
  dashboard = new Dashboard();
  await dashboard.start();
  if (role === 'admin') {
    const { audit } = await apiGet<{ audit: AuditEntryReply[] }>('audit');
    renderAudit(byId('audit'), audit);
  }
}

function wireSignIn(): void {
  const form = byId<HTMLFormElement>('sign-in-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = byId<HTMLInputElement>('token');
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    try {
      const session = await signIn(input.value.trim());
      input.value = '';
      await showDashboard(session.role);
    } catch (err) {
      const invalid = err instanceof ApiError && err.status === 401;
      showSignIn(invalid ? 'That token is not valid.' : `Could not sign in: ${(err as Error).message}`);
    } finally {
      if (button) button.disabled = false;
    }
  });
  byId('sign-out').addEventListener('click', async () => {
    await signOut().catch(() => {});
    showSignIn('Signed out.');
  });
}

async function boot(): Promise<void> {
  wireSignIn();
  // Any API answer of 401 (expired session, signed out elsewhere) brings the sign-in form back.
  whenUnauthorised(() => {
    if (dashboard) showSignIn('Your session has ended: sign in again.');
  });
  try {
    const session = await currentSession();
    if (session) await showDashboard(session.role);
    else showSignIn();
  } catch (err) {
    showSignIn(`The collector did not answer: ${(err as Error).message}`);
  }
}

void boot();
