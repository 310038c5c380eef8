// skin.yaml painted by the components: the failing row, the cursor and the header in the skin's colours, in the
// colour depth the terminal has (16, 256, truecolour), and no colour at all under NO_COLOR.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import chalk from 'chalk';
import { App } from '../../components/App.js';
import { FakeBackend, row } from '../ui-state/helpers/fakes.js';
import { parseSkin } from '../../src/config/skin.js';
import { EMPTY_USER_CONFIG } from '../../src/config/user-config.js';

const CONTEXTS = [{ name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true }];
const mounted: { unmount(): void }[] = [];
after(() => mounted.forEach((m) => m.unmount()));

const SKIN = 'k9s:\n  info:\n    sectionColor: "#ff8800"\n  frame:\n    status:\n      errorColor: "#ff0000"\n  views:\n    table:\n      cursorFgColor: black\n      cursorBgColor: lime\n';

async function frame(noColor: boolean, level: 0 | 1 | 2 | 3): Promise<string> {
  chalk.level = level;
  const b = new FakeBackend(CONTEXTS, () => ({ rows: [row('fine'), row('broken', { status: 'CrashLoopBackOff', ready: '0/1' })] }));
  const user = { ...EMPTY_USER_CONFIG, palette: parseSkin(SKIN, 'skin.yaml') };
  const r = render(<App backend={b} context="one" namespace="default" startResource="pods" version="0" width={100} height={10} noColor={noColor} userConfig={() => user} onQuit={() => {}} />);
  mounted.push(r);
  for (let i = 0; i < 200 && !(r.lastFrame() ?? '').includes('broken'); i++) await new Promise((res) => setTimeout(res, 10));
  const f = r.lastFrame() ?? '';
  r.unmount();
  return f;
}

const lineOf = (f: string, text: string) => f.split('\n').find((l) => l.includes(text)) ?? '';

test('truecolour: the skin\'s own colours', async () => {
  const f = await frame(false, 3);
  assert.ok(lineOf(f, 'broken').includes('\x1b[38;2;255;0;0m'), 'failing row in #ff0000');
  assert.ok(lineOf(f, 'fine').includes('\x1b[102m'), 'cursor background: tcell lime = bright green');
  assert.ok(lineOf(f, 'ctx:').includes('\x1b[38;2;255;136;0m'), 'header labels in #ff8800');
});

test('256 and 16 colours: the same skin brought down to what the terminal has', async () => {
  const f256 = await frame(false, 2);
  assert.ok(lineOf(f256, 'broken').includes('\x1b[38;5;196m'), '#ff0000 as 256-colour 196');
  const f16 = await frame(false, 1);
  assert.ok(lineOf(f16, 'broken').includes('\x1b[91m'), '#ff0000 as bright red');
  assert.ok(!/\x1b\[38;[25];/.test(f16), 'no 256/true colour codes on a 16-colour terminal');
});

test('NO_COLOR: no colour at all, the cursor still shows (inverse)', async () => {
  const f = await frame(true, 3);
  assert.ok(!/\x1b\[(3[0-9]|9[0-7]|4[0-9]|10[0-7]|38;|48;)/.test(f), `no colour codes:\n${JSON.stringify(f)}`);
  assert.ok(lineOf(f, 'fine').includes('\x1b[7m'), 'cursor in reverse video');
  chalk.level = 0;
});
