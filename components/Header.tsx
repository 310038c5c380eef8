// The two header lines: where we are (context, cluster, user, server, versions) and what we look at
// (namespace, favourites with their keys, and whether the data is live).
import { Box, Text } from 'ink';
import type { HeaderModel } from '../src/ui-state/use-dashboard.js';
import type { Palette } from '../src/ui-state/skin.js';

const PHASE_COLOUR: Record<string, string> = { live: 'green', syncing: 'yellow', connecting: 'yellow', forbidden: 'red', unauthenticated: 'red', failed: 'red', unreachable: 'red', stale: 'magenta' };

export function Header({ h, width, noColor, palette }: { h: HeaderModel; width: number; noColor: boolean; palette: Palette }) {
  const c = (colour: string) => (noColor ? undefined : colour);
  const phaseColour = noColor ? undefined : (PHASE_COLOUR[h.phase] ?? (h.phase.startsWith('reconnecting') ? 'yellow' : undefined));
  return (
    <Box flexDirection="column" width={width} height={2} overflowY="hidden">
      <Text wrap="truncate-end" color={palette.headerValue}>
        {h.demo ? <Text inverse bold color={c('magenta')}> DEMO </Text> : null}
        {h.demo ? ' ' : ''}
        {h.insecure ? <Text inverse bold color={c('red')}>[TLS NOT VERIFIED]</Text> : null}
        {h.insecure ? ' ' : ''}
        <Text color={palette.headerLabel}>ctx:</Text> {h.context}  <Text color={palette.headerLabel}>cluster:</Text> {h.cluster}  <Text color={palette.headerLabel}>user:</Text> {h.user}  <Text color={palette.headerLabel}>k8s:</Text> {h.k8sVersion}  <Text color={palette.headerLabel}>kdeck:</Text> {h.kdeckVersion}
        {h.readOnly ? <Text color={c('yellow')}>  [readonly]</Text> : null}
      </Text>
      <Text wrap="truncate-end" color={palette.headerValue}>
        <Text color={palette.headerLabel}>ns:</Text> <Text bold>{h.namespace}</Text>  <Text color={c('gray')}>{'<0>'}</Text>all{h.favourites.map((f, i) => <Text key={f}>  <Text color={c('gray')}>{`<${i + 1}>`}</Text>{f}</Text>)}  <Text color={palette.headerLabel}>data:</Text> <Text color={phaseColour} bold>{h.phase}</Text>  <Text color={c('gray')}>{h.server}</Text>
      </Text>
    </Box>
  );
}
