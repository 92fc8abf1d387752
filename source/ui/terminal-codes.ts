// The escape sequences proctop itself writes to take over and give back the terminal (pure data).

export const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h';
export const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
export const SHOW_CURSOR = '\u001b[?25h';
export const HIDE_CURSOR = '\u001b[?25l';
/** Cursor to the top left. */
export const HOME = '\u001b[H';
/** Mouse reporting (--mouse): presses, releases and the wheel (1000), as SGR reports (1006) so any column works. */
export const MOUSE_ON = '\u001b[?1000h\u001b[?1006h';
export const MOUSE_OFF = '\u001b[?1000l\u001b[?1006l';
