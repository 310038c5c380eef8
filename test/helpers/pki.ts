// Certificates for connection tests, made with openssl at test time (src/simulator/certs.ts).
import { createCertificateAuthority, issueCertificate, type KeyPair } from '../../src/simulator/certs.js';

export interface TestPki {
  ca: KeyPair;
  otherCa: KeyPair;
  server: KeyPair; // SANs: 127.0.0.1, ::1, localhost, kdeck.test, api.internal
  expiredServer: KeyPair;
  alice: KeyPair; // CN=alice, O=dev
  admin: KeyPair; // CN=admin, O=system:masters
  strangerCert: KeyPair; // signed by otherCa
}

const DAY = 86_400_000;

export function makePki(): TestPki {
  const ca = createCertificateAuthority('kdeck-test-ca');
  const otherCa = createCertificateAuthority('some-other-ca');
  return {
    ca,
    otherCa,
    server: issueCertificate(ca, { commonName: 'kube-apiserver', usage: 'server', ipAddresses: ['127.0.0.1', '::1'], dnsNames: ['localhost', 'kdeck.test', 'api.internal'] }),
    expiredServer: issueCertificate(ca, {
      commonName: 'kube-apiserver', usage: 'server', ipAddresses: ['127.0.0.1'], dnsNames: ['localhost'],
      notBefore: new Date(Date.now() - 30 * DAY), notAfter: new Date(Date.now() - DAY),
    }),
    alice: issueCertificate(ca, { commonName: 'alice', organizations: ['dev'], usage: 'client' }),
    admin: issueCertificate(ca, { commonName: 'admin', organizations: ['system:masters'], usage: 'client' }),
    strangerCert: issueCertificate(otherCa, { commonName: 'mallory', usage: 'client' }),
  };
}
