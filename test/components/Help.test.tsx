// Issue 17: `?` at 80 columns must keep its columns apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { Help } from '../../components/Help.js';
import { helpFor, PROMPT_HELP } from '../../src/ui-state/keys.js';
import { genericResourceView } from '../../src/ui-state/views/index.js';
import { resourceView } from '../../src/ui-state/views.js';

test('help at 80x24: every line fits and no column runs into the next', () => {
  const lines = [...helpFor(genericResourceView, { view: resourceView('pods', 'default'), readOnly: false }), ...PROMPT_HELP.map((p) => ({ label: `prompt ${p.label}`, help: p.help }))];
  const height = 16;
  const r = render(<Help lines={lines} height={height} width={80} />);
  const rows = (r.lastFrame() ?? '').split('\n').filter((l) => l.trim());
  r.unmount();
  assert.ok(rows.length > 0 && rows.length <= height);
  for (const row of rows) {
    assert.ok(row.length <= 80, `too wide: ${row}`);
    assert.doesNotMatch(row, /…\S/, `a cut help runs into the next column: ${row}`);
  }
  // Every label of the registry is on screen, whole.
  for (const l of lines) assert.ok(rows.some((row) => row.includes(l.label)), `missing ${l.label}`);
});
