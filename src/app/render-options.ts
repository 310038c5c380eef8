// Ink's options for the dashboard. No frame-rate cap in Ink (maxFps 0): a keypress is painted in the same turn it
// is read, never held back because an event's frame went out a few ms before (with Ink's 60 fps cap such a key
// waited up to 16 ms for the cap's trailing edge). Events are rate-limited where they come from instead: an informer
// notifies at most every 33 ms, logs repaint at most once a frame, the clock once a second, and a notification that
// changes nothing on screen renders nothing (src/ui-state/painted-window.ts).
// Always interactive: Ink otherwise turns non-interactive when CI is set in the environment and then writes only the
// final frame at exit, a blank dashboard; kdeck has already refused to start without a terminal (run.ts).
export const RENDER_OPTIONS = {
  interactive: true,
  exitOnCtrlC: false,
  patchConsole: true,
  maxFps: 0,
  incrementalRendering: true,
} as const;
