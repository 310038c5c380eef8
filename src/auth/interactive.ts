// Exec plugins that may need the user (browser logins, MFA prompts) run BEFORE the dashboard takes the screen,
// with the terminal handed to them; their result is cached, so the full-screen app then never needs the terminal.
import type { ConnectionSpec } from '../kubeconfig/types.js';
import { execCredentialCache, type ExecRunOptions } from './exec-cache.js';

/**
 * Call before entering full screen, for the context(s) about to be shown. Runs the exec plugin of `spec` (if it may
 * be interactive) with stdin/stderr inherited and caches its credential. Rejects with CredentialError on failure.
 */
export async function prepareInteractiveCredentials(spec: ConnectionSpec, onWaiting?: ExecRunOptions['onWaiting']): Promise<void> {
  if (spec.credential.kind !== 'exec' || spec.credential.exec.interactiveMode === 'Never') return;
  await execCredentialCache.get(spec, { allowTerminal: true, onWaiting });
}
