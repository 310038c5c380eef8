// The terminal sequences kdeck's screen handling writes (start-up's pre-paint, Ink's full screen, the hand-over),
// named once. The alternate screen's enter saves the cursor and its leave restores it (xterm's 1049 mode).
export const ENTER_ALT_SCREEN = '\x1b[?1049h';
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';
export const HIDE_CURSOR = '\x1b[?25l';
export const SHOW_CURSOR = '\x1b[?25h';
export const CURSOR_HOME = '\x1b[H';
export const CLEAR_SCREEN = '\x1b[2J';
/** Back to the normal screen with the cursor shown: every way out. */
export const LEAVE_SCREEN = LEAVE_ALT_SCREEN + SHOW_CURSOR;
