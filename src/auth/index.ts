// The auth layer's public surface.
export { createCredentialProvider, type AppliedCredential, type CredentialProvider } from './credential-provider.js';
export { ExecCredentialCache, execCredentialCache, runExecPlugin, endRunningPlugins, execCacheKey, execClusterInfo, type ExecRunOptions } from './exec-cache.js';
export { parseExecCredential, buildExecInfo, type ExecCredentialResult, type ExecClusterInfo } from './exec-credential.js';
export { prepareInteractiveCredentials } from './interactive.js';
export { setTerminalOwnedByApp, isTerminalOwnedByApp } from './terminal.js';
export { describeAuth, describeTls, certificateSubject, formatDistinguishedName } from './describe.js';
export { redactSecrets, rememberSecrets, rememberSpecSecrets, lastLines } from './redact.js';
export { TokenFileSource } from './token-file.js';
