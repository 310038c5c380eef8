// The two header lines: where we are (context, cluster, user, server, versions) and what we look at
// (namespace, favourites with their keys, and whether the data is live). Their runs: src/ui-state/frame-layout.ts.
import { Box } from 'ink';
import type { HeaderModel } from '../src/ui-state/use-dashboard.js';
import type { Palette } from '../src/ui-state/skin.js';
import { headerRuns } from '../src/ui-state/frame-layout.js';
import { RunLine } from './Runs.js';

export function Header({ h, width, noColor, palette }: { h: HeaderModel; width: number; noColor: boolean; palette: Palette }) {
  const [first, second] = headerRuns(h, noColor, palette);
  return (
    <Box flexDirection="column" width={width} height={2} overflowY="hidden">
      <RunLine runs={first} />
      <RunLine runs={second} />
    </Box>
  );
}
