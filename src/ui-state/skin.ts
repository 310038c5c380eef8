// The skin as the components paint it: the user's palette (skin.yaml, global then per context) or the default,
// with every colour dropped under NO_COLOR. Components read colours only from here.
import type { Palette } from '../config/skin.js';
import type { Health } from './health.js';

export { DEFAULT_PALETTE, effectivePalette } from '../config/skin.js';
export type { Palette };

/** The row colour of a health state. */
export function healthPaint(p: Palette, h: Health): string | undefined {
  return p[h];
}
