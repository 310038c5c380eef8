// Styled runs of text (src/ui-state/frame-layout.ts) as Ink <Text>: the pre-paint writes the same runs itself.
import { Text } from 'ink';
import type { Run } from '../src/ui-state/frame-layout.js';

export function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((r, i) => (
        <Text key={i} color={r.color} backgroundColor={r.bg} bold={r.bold} dimColor={r.dim} inverse={r.inverse} underline={r.underline}>
          {r.text}
        </Text>
      ))}
    </>
  );
}

/** One screen line of runs, cut at the width. */
export function RunLine({ runs }: { runs: Run[] }) {
  return (
    <Text wrap="truncate-end">
      <Runs runs={runs} />
    </Text>
  );
}
