// chalk turns colours and the inverse cursor off when CI is set; kdeck, always on a terminal, sets FORCE_COLOR for
// the terminal while its UI loads, and takes it away again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colourDespiteCi } from '../../src/app/terminal-colour.js';

test('CI set on a terminal: FORCE_COLOR from the terminal while the UI loads, removed after', () => {
  for (const [term, colorterm, level] of [['xterm', undefined, '1'], ['xterm-256color', undefined, '2'], ['xterm-256color', 'truecolor', '3']] as const) {
    const env: NodeJS.ProcessEnv = { CI: 'true', TERM: term, ...(colorterm ? { COLORTERM: colorterm } : {}) };
    const restore = colourDespiteCi(env, true);
    assert.equal(env.FORCE_COLOR, level, `${term} ${colorterm ?? ''}`);
    restore();
    assert.ok(!('FORCE_COLOR' in env), 'children see the environment unchanged');
  }
});

test('left alone: no CI, the user\'s own FORCE_COLOR, no terminal, a dumb terminal', () => {
  for (const [env, tty] of [[{ TERM: 'xterm' }, true], [{ CI: '1', FORCE_COLOR: '0', TERM: 'xterm' }, true], [{ CI: '1', TERM: 'xterm' }, false], [{ CI: '1', TERM: 'dumb' }, true]] as const) {
    const e: NodeJS.ProcessEnv = { ...env };
    colourDespiteCi(e, tty)();
    assert.deepEqual(e, env);
    const e2: NodeJS.ProcessEnv = { ...env };
    colourDespiteCi(e2, tty);
    assert.deepEqual(e2, env, 'nothing set');
  }
});
