// Proxy selection and NO_PROXY matching, as client-go does it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { noProxyMatches, proxyForServer, redactProxyUrl } from '../../src/transport/proxy.js';

describe('proxy selection (as client-go)', () => {
  const env = { HTTPS_PROXY: 'proxy.corp:3128', HTTP_PROXY: 'http://plain-proxy:80', NO_PROXY: 'internal.corp,10.0.0.0/8,.svc,192.168.1.5:6443' };
  test('cluster proxy-url wins over the environment', () => {
    assert.equal(proxyForServer('https://api.example.com', 'socks5://s:1080', env), 'socks5://s:1080');
  });
  test('HTTPS_PROXY for https, with a scheme added', () => {
    assert.equal(proxyForServer('https://api.example.com:6443', undefined, env), 'http://proxy.corp:3128');
    assert.equal(proxyForServer('http://api.example.com', undefined, env), 'http://plain-proxy:80');
  });
  test('NO_PROXY: domains, subdomains, CIDRs, ports; loopback never proxied', () => {
    assert.equal(proxyForServer('https://internal.corp', undefined, env), undefined);
    assert.equal(proxyForServer('https://k8s.internal.corp', undefined, env), undefined);
    assert.equal(proxyForServer('https://10.20.30.40:6443', undefined, env), undefined);
    assert.equal(proxyForServer('https://kubernetes.default.svc', undefined, env), undefined);
    assert.equal(proxyForServer('https://192.168.1.5:6443', undefined, env), undefined);
    assert.equal(proxyForServer('https://192.168.1.5:443', undefined, env), 'http://proxy.corp:3128');
    assert.equal(proxyForServer('https://11.0.0.1', undefined, env), 'http://proxy.corp:3128');
    assert.equal(proxyForServer('https://127.0.0.1:6443', undefined, env), undefined);
    assert.equal(proxyForServer('https://localhost:6443', undefined, env), undefined);
    assert.equal(proxyForServer('https://x.example', undefined, { ...env, NO_PROXY: '*' }), undefined);
    assert.equal(noProxyMatches('*.example.com', 'a.example.com', '443'), true);
    assert.equal(noProxyMatches('example.com', 'notexample.com', '443'), false);
  });
  test('proxy credentials are never shown', () => {
    assert.equal(redactProxyUrl('http://user:secret@proxy:3128'), 'http://proxy:3128');
  });
});
