// The session registry: background work (a real TCP listener standing in for a port-forward) is listed,
// closed one by one or all at once, and really stops when closed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type AddressInfo, type Server } from 'node:net';
import { once } from 'node:events';
import { SessionRegistry, type SessionEnd, type SessionInfo } from '../../src/sessions/registry.js';

/** A session that listens on a local port until its signal aborts, like a port-forward does. */
function listener(reg: SessionRegistry, context: string) {
  let server: Server | undefined;
  const port = new Promise<number>((resolve, reject) => {
    const handle = reg.open({ kind: 'port-forward', context, title: `pod/web ${context}` }, async (ctl) => {
      server = createServer((s) => s.on('error', () => undefined).end('hello\n'));
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const p = (server.address() as AddressInfo).port;
      ctl.active(`127.0.0.1:${p}`);
      resolve(p);
      await once(ctl.signal, 'abort');
      await new Promise<void>((r) => server!.close(() => r()));
    });
    handle.ended.then((e) => e.how === 'failed' && reject(e.error));
  });
  return { port };
}

async function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('SessionRegistry', () => {
  test('lists open sessions by kind; close(id) stops the work; closeAll stops the rest', async () => {
    const reg = new SessionRegistry();
    const seen: SessionInfo[][] = [];
    reg.subscribe((list) => seen.push(list));
    const a = listener(reg, 'c1');
    const b = listener(reg, 'c2');
    const [pa, pb] = await Promise.all([a.port, b.port]);
    const logs = reg.open({ kind: 'logs', context: 'c1', title: 'logs pod/web' }, (ctl) => once(ctl.signal, 'abort').then(() => undefined));
    assert.deepEqual(reg.list('port-forward').map((s) => [s.context, s.phase, s.detail]), [['c1', 'active', `127.0.0.1:${pa}`], ['c2', 'active', `127.0.0.1:${pb}`]]);
    assert.equal(reg.list().length, 3);
    assert.ok(await reachable(pa));

    const first = reg.list('port-forward')[0]!;
    await reg.close(first.id);
    assert.equal(await reachable(pa), false, 'the closed session no longer listens');
    assert.ok(await reachable(pb), 'the other one still does');
    assert.deepEqual(reg.list().map((s) => s.kind), ['port-forward', 'logs']);

    await reg.closeAll({ context: 'c1' });
    assert.equal(logs.info(), undefined, 'closing a context closes its log stream');
    assert.equal(reg.size, 1);
    await reg.closeAll();
    assert.equal(reg.size, 0);
    assert.equal(await reachable(pb), false);
    assert.ok(seen.some((l) => l.some((s) => s.phase === 'closing')), 'subscribers saw the closing phase');
    assert.deepEqual(seen.at(-1), []);
  });

  test('work that ends on its own leaves the list, with how it ended; close after that is a no-op', async () => {
    const reg = new SessionRegistry();
    const ends: SessionEnd[] = [];
    reg.subscribe((_l, end) => end && ends.push(end));
    const ok = reg.open({ kind: 'logs', context: 'c', title: 'done' }, async () => undefined);
    const bad = reg.open({ kind: 'port-forward', context: 'c', title: 'fails' }, async () => {
      throw new Error('pod web-1 is gone');
    });
    assert.equal((await ok.ended).how, 'finished');
    const end = await bad.ended;
    assert.equal(end.how, 'failed');
    assert.match(String((end.error as Error).message), /pod web-1 is gone/);
    assert.equal(reg.size, 0);
    await bad.close();
    assert.deepEqual(ends.map((e) => [e.info.title, e.how]), [['done', 'finished'], ['fails', 'failed']]);
  });

  test('an error thrown because the session was closed is not a failure', async () => {
    const reg = new SessionRegistry();
    const h = reg.open({ kind: 'logs', context: 'c', title: 't' }, async (ctl) => {
      await once(ctl.signal, 'abort');
      throw ctl.signal.reason;
    });
    await h.close();
    assert.equal((await h.ended).how, 'closed');
  });

  test('work that ignores its signal does not hold up exit past the grace period; shutdown refuses new sessions', async () => {
    const reg = new SessionRegistry({ graceMs: 100 });
    reg.open({ kind: 'logs', context: 'c', title: 'stuck' }, () => new Promise(() => undefined));
    const t0 = Date.now();
    await reg.shutdown();
    const took = Date.now() - t0;
    assert.ok(took >= 90 && took < 1000, `shutdown waited ${took} ms`);
    assert.throws(() => reg.open({ kind: 'logs', context: 'c', title: 'late' }, async () => undefined), /exiting/);
  });
});
