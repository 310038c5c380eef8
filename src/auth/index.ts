// The auth layer's surface for the app's start-up and exit (everything else imports the module it needs).
export { endRunningPlugins } from './exec-cache.js';
export { prepareInteractiveCredentials } from './interactive.js';
export { setTerminalOwnedByApp } from './terminal.js';
export { redactSecrets } from './redact.js';
