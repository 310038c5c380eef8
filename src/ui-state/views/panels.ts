// The commands that open kdeck's own screens rather than a resource: `:pulses` (`:pu`), `:aliases` (`:a`).
import type { PanelView } from '../views.js';

const PANELS: Record<string, PanelView['panel']> = { pulses: 'pulses', pulse: 'pulses', pu: 'pulses', aliases: 'aliases', alias: 'aliases', a: 'aliases', pf: 'forwards', 'port-forwards': 'forwards', portforwards: 'forwards' };

export function panelCommand(line: string): PanelView['panel'] | undefined {
  const words = line.trim().split(/\s+/);
  return words.length === 1 ? PANELS[words[0].toLowerCase()] : undefined;
}
