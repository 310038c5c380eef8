// Certificates made on the spot with the openssl CLI: a CA, server and client certificates.
// Used by the simulator (--tls) and by tests; nothing here is ever written to git.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  certPem: string;
  keyPem: string;
}

export interface IssueOptions {
  commonName: string;
  /** Subject O= entries; for client certificates the API server reads them as groups. */
  organizations?: string[];
  dnsNames?: string[];
  ipAddresses?: string[];
  usage: 'server' | 'client';
  notBefore?: Date;
  notAfter?: Date;
}

const DAY_MS = 86_400_000;

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { code?: string; stderr?: Buffer };
    if (e.code === 'ENOENT') throw new Error('openssl is not installed: install it (apt-get install openssl) to make TLS certificates');
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.toString().trim() ?? String(err)}`);
  }
}

function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'kdeck-certs-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** openssl ca wants YYYYMMDDHHMMSSZ. */
function asn1Time(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

function subject(commonName: string, organizations: string[] = []): string {
  const esc = (s: string) => s.replace(/[/\\=+]/g, (c) => `\\${c}`);
  return organizations.map((o) => `/O=${esc(o)}`).join('') + `/CN=${esc(commonName)}`;
}

export function createCertificateAuthority(commonName = 'kdeck-simulator-ca'): KeyPair {
  return withTempDir((dir) => {
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', subject(commonName),
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
    return { certPem: readFileSync(join(dir, 'ca.crt'), 'utf8'), keyPem: readFileSync(join(dir, 'ca.key'), 'utf8') };
  });
}

/** Issues a certificate signed by `ca`, with explicit validity so tests can make expired ones. */
export function issueCertificate(ca: KeyPair, opts: IssueOptions): KeyPair {
  return withTempDir((dir) => {
    const notBefore = opts.notBefore ?? new Date(Date.now() - DAY_MS);
    const notAfter = opts.notAfter ?? new Date(Date.now() + 365 * DAY_MS);
    const san = [...(opts.dnsNames ?? []).map((d) => `DNS:${d}`), ...(opts.ipAddresses ?? []).map((ip) => `IP:${ip}`)];
    const ext = [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      `extendedKeyUsage=${opts.usage === 'server' ? 'serverAuth' : 'clientAuth'}`,
      ...(san.length ? [`subjectAltName=${san.join(',')}`] : []),
    ];
    writeFileSync(join(dir, 'ca.crt'), ca.certPem);
    writeFileSync(join(dir, 'ca.key'), ca.keyPem);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), randomBytes(8).toString('hex').replace(/^./, '1') + '\n');
    writeFileSync(join(dir, 'ext.cnf'), ext.join('\n') + '\n');
    writeFileSync(join(dir, 'ca.cnf'), [
      '[ca]', 'default_ca=sim', '[sim]', 'database=index.txt', 'new_certs_dir=.', 'certificate=ca.crt',
      'private_key=ca.key', 'serial=serial', 'default_md=sha256', 'policy=any', 'unique_subject=no', 'copy_extensions=none',
      '[any]', 'commonName=supplied', 'organizationName=optional', '',
    ].join('\n'));
    openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', subject(opts.commonName, opts.organizations)], dir);
    openssl(['ca', '-batch', '-config', 'ca.cnf', '-in', 'leaf.csr', '-out', 'leaf.crt', '-notext',
      '-extfile', 'ext.cnf', '-startdate', asn1Time(notBefore), '-enddate', asn1Time(notAfter)], dir);
    return { certPem: readFileSync(join(dir, 'leaf.crt'), 'utf8'), keyPem: readFileSync(join(dir, 'leaf.key'), 'utf8') };
  });
}
