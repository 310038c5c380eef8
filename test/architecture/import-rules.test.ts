// The layer rules, checked on the real import graph of src/ and components/ (static and dynamic imports,
// type-only ones included): a test, so the picture in README "Architecture" stays true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every relative import of every file, as repo-relative paths without extension ("src/ui-state/keys"). */
export function importGraph(): { from: string; to: string; line: number }[] {
  const edges: { from: string; to: string; line: number }[] = [];
  const spec = /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const file of [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'components'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(spec)) {
      const target = m[1] ?? m[2] ?? m[3];
      if (!target.startsWith('.')) continue;
      const line = text.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
      const to = relative(ROOT, resolve(dirname(file), target)).replace(/\.(js|jsx|ts|tsx)$/, '');
      edges.push({ from: relative(ROOT, file).replace(/\.(ts|tsx)$/, ''), to, line });
    }
  }
  return edges;
}

const under = (path: string, ...dirs: string[]) => dirs.some((d) => path === d || path.startsWith(d + '/'));
const BELOW_UI = ['src/transport', 'src/api', 'src/watch', 'src/store', 'src/kubeconfig', 'src/auth', 'src/simulator'];
const CLIENT = ['src/kubeconfig', 'src/auth', 'src/transport', 'src/watch', 'src/store', 'src/ui-state', 'src/app', 'components'];
/** Wire-protocol modules both ends use (the simulator serves what the client speaks): neutral, importing neither side. */
const PROTOCOL = 'src/protocol';
/** Files of shared types (and the shared error classes) that both sides of a rule may import. */
const shared = (path: string) => /(^|\/)types$/.test(path) || path === 'src/errors' || under(path, PROTOCOL);

const RULES: { name: string; from: (p: string) => boolean; forbids: (to: string) => boolean }[] = [
  { name: 'ui-state imports neither components nor the simulator', from: (p) => under(p, 'src/ui-state'), forbids: (to) => under(to, 'components', 'src/simulator') },
  { name: 'components import nothing below ui-state', from: (p) => under(p, 'components'), forbids: (to) => under(to, ...BELOW_UI, 'src/app') },
  { name: 'the simulator imports no client code (shared types only)', from: (p) => under(p, 'src/simulator'), forbids: (to) => under(to, ...CLIENT) && !shared(to) },
  { name: 'protocol modules import neither the client nor the simulator', from: (p) => under(p, PROTOCOL), forbids: (to) => under(to, ...CLIENT, 'src/simulator') && !shared(to) },
];

test('the import graph is read (a sanity check that the rules below see real edges)', () => {
  const g = importGraph();
  assert.ok(g.some((e) => e.from === 'components/App' && e.to === 'src/ui-state/use-dashboard'), 'components/App → ui-state');
  assert.ok(g.some((e) => e.from === 'src/app/screen' && e.to === 'components/App'), 'app → components');
  assert.ok(g.some((e) => e.from === 'src/app/demo' && e.to === 'src/simulator/index'), 'a dynamic import is an edge');
});

for (const rule of RULES) {
  test(`layer rule: ${rule.name}`, () => {
    const bad = importGraph().filter((e) => rule.from(e.from) && rule.forbids(e.to));
    assert.deepEqual(bad.map((e) => `${e.from}.ts:${e.line} imports ${e.to}`), [], `${rule.name}; offending edges:\n${bad.map((e) => `  ${e.from}:${e.line} → ${e.to}`).join('\n')}`);
  });
}

test('both ends speak the channel protocol through the one protocol module', () => {
  const g = importGraph();
  assert.ok(g.some((e) => under(e.from, 'src/simulator') && e.to === 'src/protocol/channels'), 'the simulator imports src/protocol/channels');
  assert.ok(g.some((e) => under(e.from, 'src/streams') && e.to === 'src/protocol/channels'), 'the client imports src/protocol/channels');
});

test('the rules catch a forbidden edge (checked on a made-up one)', () => {
  const edge = { from: 'components/Table', to: 'src/store/row-store' };
  assert.ok(RULES.some((r) => r.from(edge.from) && r.forbids(edge.to)));
  assert.ok(!RULES.some((r) => r.from('src/simulator/http') && r.forbids('src/errors')));
  assert.ok(RULES.some((r) => r.from('src/protocol/channels') && r.forbids('src/transport/client')));
  assert.ok(!RULES.some((r) => r.from('src/simulator/streaming/upgrade') && r.forbids('src/protocol/channels')));
});
