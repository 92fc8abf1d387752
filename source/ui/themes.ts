// Colour themes (pure data and one mapping): the line builders name colours for a dark terminal,
// as htop's default scheme does; `light` draws each in a colour that reads on a light background,
// `mono` drops colour and keeps bold, underline and inverse (as --no-color and NO_COLOR do).

import {type Line, monochrome, restyled} from './lines/segments.js';

export const THEMES = ['dark', 'light', 'mono'] as const;
export type Theme = (typeof THEMES)[number];

export function isTheme(value: unknown): value is Theme {
	return THEMES.includes(value as Theme);
}

/**
 * On white, yellow and cyan text all but vanish and the terminal's green is faint: darker
 * equivalents (truecolour where the terminal has it; chalk picks the nearest of 256 or 16
 * otherwise). Backgrounds (the selection: black on cyan) read on both and stay.
 */
const LIGHT: Readonly<Record<string, string>> = {
	yellow: '#8a5a00',
	cyan: '#005f87',
	green: '#006b00',
	magenta: '#8b008b',
	red: '#b00000',
	white: 'black',
	gray: '#555555',
};

/** The line as the theme draws it. */
export function themed(line: Line, theme: Theme): Line {
	if (theme === 'dark') return line;
	if (theme === 'mono') return monochrome(line);
	return line.map(segment => (segment.color && LIGHT[segment.color] ? restyled(segment, {color: LIGHT[segment.color]}) : segment));
}
