// Issue 17: relative times printed by the server ("87 (12s ago)", an event's LAST SEEN) tick on screen. The
// simulator runs without controllers, so nothing on the server changes: only kdeck's painting can move them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TmuxSession, requireTmux } from './helpers/tmux.js';
import { kdeckCommand, startWorld, type E2eWorld } from './helpers/sim.js';

let world: E2eWorld;
let t: TmuxSession;
before(async () => {
  requireTmux();
  world = await startWorld();
});
after(async () => {
  const closed = await t?.close();
  await world?.close();
  assert.equal(closed?.leftRunning ?? false, false, 'kdeck kept running after its terminal went away');
});

/** `key → seconds` of every line on screen that `re` matches (named groups `key` and `s`). */
function seconds(screen: string, re: RegExp): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of screen.split('\n')) {
    const m = re.exec(line);
    if (m) out.set(m.groups!.key, Number(m.groups!.s));
  }
  return out;
}
/** True when some row's seconds grew by 2 or more since `before`. */
const grew = (before: Map<string, number>, now: Map<string, number>) => [...now].some(([k, n]) => (before.get(k) ?? Infinity) + 2 <= n);

test('RESTARTS "(Xs ago)" and events LAST SEEN grow while the server stays still', async () => {
  t = new TmuxSession(220, 70);
  t.start(world.env(), kdeckCommand('-A'));
  const restartRe = /^\s*\S+\s+(?<key>\S+)\s.*\s\d+ \((?<s>\d+)s ago\)/; // NAMESPACE NAME … RESTARTS
  const first = await t.waitFor((s) => /pods\(all\)\[60\]/.test(s) && seconds(s, restartRe).size > 0, 'pods with a restart seconds ago');
  const restarts = seconds(first, restartRe);
  await t.waitFor((s) => grew(restarts, seconds(s, restartRe)), 'a "(Xs ago)" 2 s older', { timeoutMs: 15_000 });

  t.type(':ev');
  t.keys('Enter');
  const seenRe = /^\s*\S+\s+(?<s>\d+)s\s+(?<key>(?:Normal|Warning)\s+\S+\s+\S+)/; // NAMESPACE LAST-SEEN TYPE REASON OBJECT
  const ev = await t.waitFor((s) => /events\(all\)\[\d+\]/.test(s) && seconds(s, seenRe).size > 0, 'events seen seconds ago');
  const seen = seconds(ev, seenRe);
  await t.waitFor((s) => grew(seen, seconds(s, seenRe)), 'a LAST SEEN 2 s older', { timeoutMs: 15_000 });
});
