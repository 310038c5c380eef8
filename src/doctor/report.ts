// Pure: turns what doctor observed into one line per step, with the cause and the fix where a step fails.
// The four failures users hit most (x509 unknown authority, "must be logged in", forbidden, connection refused)
// each get a cause and fix of their own.
import type { ContextFacts, ContextReport, DoctorReport, ErrorInfo, StepName, StepReport } from './types.js';

const ORDER: StepName[] = ['kubeconfig', 'cluster', 'tcp', 'tls', 'credentials', 'authentication', 'authorization', 'discovery'];

function failed(step: StepName, error: ErrorInfo, cause?: string, fix?: string): StepReport {
  return { step, status: 'fail', summary: error.message, cause, fix: fix ?? error.hint };
}

function hostOf(server: string): string {
  try {
    const u = new URL(server);
    return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return server;
  }
}

function tcpStep(f: ContextFacts): StepReport | undefined {
  if (!f.tcp) return undefined;
  if (f.tcp.ok) return { step: 'tcp', status: 'pass', summary: `connected to ${f.tcp.value.address}${f.proxy ? ` (proxy ${f.proxy})` : ''}` };
  const e = f.tcp.error;
  const cluster = `cluster "${f.cluster}"`;
  if (e.step === 'refused') {
    return failed('tcp', e, `connection refused: nothing listens on ${f.proxy ? `the proxy ${f.proxy}` : hostOf(f.server ?? '')}; the cluster is down, or the server URL/port in the kubeconfig is wrong`,
      f.proxy ? `start the proxy or fix proxy-url of ${cluster} / HTTPS_PROXY` : `check \`server:\` of ${cluster} (kubectl config view --minify) and that the API server is running`);
  }
  if (e.step === 'dns') return failed('tcp', e, `the host name in \`server:\` of ${cluster} does not resolve`, 'fix the server URL, or connect the VPN / fix DNS that serves this name');
  if (e.step === 'timeout') return failed('tcp', e, `no answer from ${hostOf(f.server ?? '')}: a firewall drops the packets, or the address is wrong`, 'check the server URL and your network path (VPN, security groups)');
  return failed('tcp', e);
}

function tlsStep(f: ContextFacts): StepReport | undefined {
  const t = f.tls;
  if (!t) return undefined;
  if (t.ok === 'skipped') {
    return t.why === 'http'
      ? { step: 'tls', status: 'warn', summary: 'plain http: no TLS, and no credentials are sent (as kubectl does)' }
      : { step: 'tls', status: 'pass', summary: `through proxy ${f.proxy}: checked by the requests below` };
  }
  if (!t.ok) return failed('tls', t.error);
  const v = t.value;
  const cert = `server certificate ${v.subject ?? '(no subject)'} issued by ${v.issuer ?? '(unknown)'}${v.validTo ? `, valid until ${v.validTo}` : ''}`;
  if (v.insecure) {
    return { step: 'tls', status: 'warn', summary: `${cert}; NOT verified: insecure-skip-tls-verify is set for cluster "${f.cluster}"`,
      fix: 'set certificate-authority-data to the cluster CA and remove insecure-skip-tls-verify' };
  }
  const via = f.proxy ? `; through proxy ${f.proxy}` : '';
  if (v.verified) return { step: 'tls', status: 'pass', summary: `${cert}; verified against ${v.caSource ?? 'the system roots'}${v.alpn === 'h2' ? '; HTTP/2' : ''}${via}` };
  const e = v.error ?? { kind: 'tls', message: 'the server certificate does not verify' };
  if (e.step === 'unknown-authority') {
    const trusted = v.configuredCa ? `the configured CA (${v.configuredCa}, from ${v.caSource ?? 'the kubeconfig'})` : "this machine's system roots (no CA is configured)";
    return failed('tls', e, `x509: certificate signed by unknown authority: the server's certificate was issued by ${v.issuer ?? 'an unknown CA'}, which ${trusted} does not vouch for`,
      e.hint);
  }
  return failed('tls', e, cert);
}

function credentialsStep(f: ContextFacts): StepReport | undefined {
  if (!f.credentials) return undefined;
  if (f.credentials.ok) return { step: 'credentials', status: 'pass', summary: f.credentials.value.detail };
  return failed('credentials', f.credentials.error);
}

function unauthorized(f: ContextFacts, e: ErrorInfo): StepReport {
  const kind = f.credentialKind;
  const who = `user "${f.user}"`;
  const cause = kind === 'exec' ? `You must be logged in to the server (Unauthorized): the exec plugin's credential was rejected, even after running it again`
    : kind === 'token' || kind === 'oidc' ? `You must be logged in to the server (Unauthorized): the token of ${who} is expired, revoked or for another cluster`
      : kind === 'tokenFile' ? `You must be logged in to the server (Unauthorized): the token in the tokenFile of ${who} is expired or invalid`
        : kind === 'basic' ? `You must be logged in to the server (Unauthorized): the username/password of ${who} were rejected`
          : f.hasClientCertificate ? `You must be logged in to the server (Unauthorized): the client certificate of ${who} is not accepted (expired, or from a CA the server does not trust)`
            : 'You must be logged in to the server (Unauthorized)';
  const fix = kind === 'exec' ? 'log in again with the tool behind the exec plugin (e.g. `aws sso login`, `gcloud auth login`, `kubelogin`), then rerun `kdeck doctor`'
    : kind === 'token' || kind === 'oidc' ? `get a fresh token and update ${who} in the kubeconfig (or switch to an exec plugin that refreshes it)`
      : kind === 'tokenFile' ? 'check what writes the token file, and that it belongs to this cluster'
        : kind === 'basic' ? 'Kubernetes 1.19+ removed basic auth: use a token, client certificate or exec plugin'
          : f.hasClientCertificate ? 'get a new client certificate from your cluster admin (or renew it: `kubeadm kubeconfig user`)'
            : 'add credentials for this user (token, client certificate or exec plugin)';
  return { step: 'authentication', status: 'fail', summary: `${e.message} (401)`, cause, fix };
}

function authenticationStep(f: ContextFacts): StepReport | undefined {
  if (!f.version) return undefined;
  if (!f.version.ok) return failed('authentication', f.version.error);
  const version = f.version.value.gitVersion;
  const w = f.whoami;
  if (!w) return { step: 'authentication', status: 'pass', summary: `server ${version} answers` };
  if (!w.ok) {
    if (w.error.code === 401) return unauthorized(f, w.error);
    return failed('authentication', w.error);
  }
  if ('notServed' in w.value) {
    // No SelfSubjectReview (servers before 1.28): the requests below still prove or disprove the credential.
    return { step: 'authentication', status: 'pass', summary: `server ${version}; the server did not say who you are (SelfSubjectReview unavailable); checked by the requests below` };
  }
  const { username, groups } = w.value;
  if (username === 'system:anonymous') {
    return { step: 'authentication', status: 'fail', summary: `server ${version} treats you as system:anonymous`,
      cause: f.credentialKind === 'none' && !f.hasClientCertificate ? `user "${f.user}" has no credentials` : 'your credentials were not presented or not recognised',
      fix: 'add a token, client certificate or exec plugin to this user in the kubeconfig' };
  }
  return { step: 'authentication', status: 'pass', summary: `server ${version}; you are "${username}"${groups.length ? ` (groups: ${groups.join(', ')})` : ''}` };
}

function authorizationStep(f: ContextFacts): StepReport | undefined {
  if (!f.accessReview && !f.podList) return undefined;
  const ns = f.namespace ?? 'default';
  const review = f.accessReview;
  const list = f.podList;
  if (list && !list.ok && list.error.code === 401) return unauthorized(f, list.error);
  if (review && !review.ok && review.error.code === 401) return unauthorized(f, review.error);
  const denied = review?.ok && !('notServed' in review.value) && !review.value.allowed;
  if ((list && !list.ok && list.error.code === 403) || denied) {
    const message = list && !list.ok ? list.error.message : `you may not list pods in namespace "${ns}"`;
    const who = message.match(/User "([^"]+)"/)?.[1] ?? f.user ?? 'you';
    return {
      step: 'authorization', status: 'fail', summary: `Forbidden: ${message}`,
      cause: `RBAC allows "${who}" to authenticate, but grants no permission to list pods in namespace "${ns}"`,
      fix: `ask a cluster admin for a RoleBinding, e.g. \`kubectl create rolebinding ${who.replace(/[^a-z0-9-]/gi, '-')}-view --clusterrole=view --user=${who} -n ${ns}\`, or pick a namespace you may read with -n`,
    };
  }
  if (review && !review.ok) return failed('authorization', review.error);
  if (list && !list.ok) return failed('authorization', list.error);
  const reason = review?.ok && !('notServed' in review.value) && review.value.reason ? ` (${review.value.reason})` : '';
  const listed = list?.ok ? `; listing pods works (${list.value.count} returned with limit=1)` : '';
  return { step: 'authorization', status: 'pass', summary: `may list pods in namespace "${ns}"${reason}${listed}` };
}

function discoveryStep(f: ContextFacts): StepReport | undefined {
  if (!f.discovery) return undefined;
  if (!f.discovery.ok) return failed('discovery', f.discovery.error);
  const version = f.version?.ok ? `Kubernetes ${f.version.value.gitVersion}, ` : '';
  return { step: 'discovery', status: 'pass', summary: `${version}${f.discovery.value.groups} API groups` };
}

export function buildContextReport(f: ContextFacts): ContextReport {
  const steps: StepReport[] = [];
  if (f.kubeconfigError) {
    steps.push(failed('kubeconfig', f.kubeconfigError));
  } else {
    const files = f.inCluster ? 'in-cluster service account' : `files: ${f.files.join(', ') || '(none)'}`;
    steps.push({ step: 'kubeconfig', status: 'pass', summary: `context "${f.context}": cluster "${f.cluster}", user "${f.user}", namespace "${f.namespace}"; ${files}` });
    steps.push({ step: 'cluster', status: 'pass', summary: `${f.server} as ${f.auth}${f.proxy ? ` via proxy ${f.proxy}` : ''}` });
    for (const s of [tcpStep(f), tlsStep(f), credentialsStep(f), authenticationStep(f), authorizationStep(f), discoveryStep(f)]) if (s) steps.push(s);
  }
  // Every step that was not reached is listed as skipped, so the output always has the same shape.
  const failedAt = steps.find((s) => s.status === 'fail');
  for (const name of ORDER) {
    if (!steps.some((s) => s.step === name)) steps.push({ step: name, status: 'skip', summary: failedAt ? `skipped: ${failedAt.step} failed` : 'skipped' });
  }
  steps.sort((a, b) => ORDER.indexOf(a.step) - ORDER.indexOf(b.step));
  return {
    context: f.context,
    cluster: f.cluster,
    user: f.user,
    namespace: f.namespace,
    server: f.server,
    auth: f.auth,
    files: f.files,
    ok: steps.every((s) => s.status === 'pass' || s.status === 'warn'),
    steps,
  };
}

export function buildDoctorReport(facts: ContextFacts[]): DoctorReport {
  const contexts = facts.map(buildContextReport);
  return { ok: contexts.length > 0 && contexts.every((c) => c.ok), contexts };
}
