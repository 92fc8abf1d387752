// Mouse input, opt-in (--mouse, or "mouse": true in the settings file): Ink has none, so the
// terminal is asked for SGR mouse reports (ESC [ < b ; x ; y M, or m on release) and they are read
// from the raw input here. Pure: a report in, what happened out; and which part of the screen a
// point falls on, from the layout the screen was composed with.

import type {SortKeyId} from '../model/sort.js';

/** What one report says. Coordinates are 0-based cells from the top left. */
export type MouseEvent =
	| {kind: 'press'; button: 'left' | 'middle' | 'right'; x: number; y: number; shift: boolean}
	| {kind: 'release'; x: number; y: number}
	| {kind: 'wheel'; direction: 'up' | 'down'; x: number; y: number}
	| {kind: 'drag'; x: number; y: number};

const SGR_REPORT = /^\u001b\[<(\d+);(\d+);(\d+)([Mm])$/;
const BUTTONS = ['left', 'middle', 'right'] as const;

/** One SGR mouse report (xterm's 1006 mode), or undefined when `data` is something else. */
export function parseMouseReport(data: string): MouseEvent | undefined {
	const match = SGR_REPORT.exec(data);
	if (!match) return undefined;
	const code = Number(match[1]);
	const x = Number(match[2]) - 1;
	const y = Number(match[3]) - 1;
	if (x < 0 || y < 0) return undefined;
	// Bits: 0–1 the button, 2 shift, 3 meta, 4 ctrl, 5 motion, 6 the wheel.
	if (code & 64) return {kind: 'wheel', direction: (code & 1) === 0 ? 'up' : 'down', x, y};
	if (code & 32) return {kind: 'drag', x, y};
	if (match[4] === 'm') return {kind: 'release', x, y};
	const button = BUTTONS[code & 3];
	return button ? {kind: 'press', button, x, y, shift: (code & 4) !== 0} : {kind: 'release', x, y};
}

/** Where the list sits on screen, as the last frame drew it (ui/screen.ts). */
export type ListLayout = {
	/** The line of the column titles. */
	titleLine: number;
	/** How many rows follow it, and the index in the listed rows of the first. */
	rowCount: number;
	top: number;
	/** Each column's first cell and width, left to right, and the sort key its title sorts by. */
	columns: ReadonlyArray<{x: number; cells: number; sortKey: SortKeyId}>;
};

export type Target = {kind: 'row'; index: number} | {kind: 'title'; sortKey: SortKeyId} | {kind: 'none'};

/** What a point of the list falls on: a listed row (its index among all rows), a column title, or nothing. */
export function targetAt(layout: ListLayout, x: number, y: number): Target {
	if (y === layout.titleLine) {
		// Between two titles (the space after one) counts as the one on its left.
		const column = [...layout.columns].reverse().find(candidate => candidate.x <= x);
		return column && x < column.x + column.cells + 1 ? {kind: 'title', sortKey: column.sortKey} : {kind: 'none'};
	}
	const offset = y - layout.titleLine - 1;
	return offset >= 0 && offset < layout.rowCount ? {kind: 'row', index: layout.top + offset} : {kind: 'none'};
}

/** Two presses on the same row within this long are a double click (the usual desktop setting). */
export const DOUBLE_CLICK_MS = 400;
