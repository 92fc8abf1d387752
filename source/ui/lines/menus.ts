// Pure: the entries of the pick-a-user and pick-a-sort-column menus, and the help screen lines.

import {fitCell} from '../../model/format.js';
import {SORT_KEYS, type SortKeyId} from '../../model/sort.js';
import type {ProcessSample} from '../../types.js';
import {bindingLabel, KEYMAP} from '../keymap.js';
import {fitLine, type Line} from './segments.js';

export type MenuEntry<T> = {label: string; value: T};

/** "All users" first, then each user with its process count, most processes first. */
export function userMenu(processes: readonly ProcessSample[]): Array<MenuEntry<string | undefined>> {
	const counts = new Map<string, number>();
	for (const process of processes) counts.set(process.user, (counts.get(process.user) ?? 0) + 1);
	const users = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
	return [{label: `All users (${processes.length})`, value: undefined}, ...users.map(([user, count]) => ({label: `${user} (${count})`, value: user}))];
}

export function sortMenu(): Array<MenuEntry<SortKeyId>> {
	return SORT_KEYS.map(key => ({label: `${key.label.padEnd(8)} ${key.descending ? 'largest first' : 'smallest first'}`, value: key.id}));
}

/** A menu as lines of `height`, scrolled so the highlighted entry shows. */
export function menuLines<T>(title: string, entries: ReadonlyArray<MenuEntry<T>>, index: number, width: number, height: number): Line[] {
	const lines: Line[] = [fitLine([{text: title, bold: true, inverse: true}], width)];
	const room = Math.max(0, height - 1);
	const top = Math.max(0, Math.min(index - room + 1, entries.length - room));
	for (const [offset, entry] of entries.slice(Math.max(0, top), Math.max(0, top) + room).entries()) {
		const selected = Math.max(0, top) + offset === index;
		// The '>' marks the entry even where a terminal shows no inverse video (TERM=dumb).
		lines.push(fitLine([{text: `${selected ? '>' : ' '}${entry.label}`, inverse: selected, bold: selected}], width));
	}
	return lines;
}

/** The help screen's body, generated from KEYMAP (one line per binding: keys, then what they do). */
function helpBody(width: number, readonly: boolean): Line[] {
	const keyWidth = Math.max(...KEYMAP.map(binding => bindingLabel(binding).length)) + 2;
	return KEYMAP.map(binding =>
		fitLine(
			[
				{text: fitCell(bindingLabel(binding), keyWidth), bold: true, color: 'cyan'},
				{text: binding.help},
				...(readonly && binding.acts ? [{text: '  (off: --readonly)', dim: true}] : []),
			],
			width,
		),
	);
}

/**
 * The help screen in `height` lines, scrolled to `scroll` (clamped); `maxScroll` is how far it
 * can scroll at this height, for the keys that scroll it.
 */
export function helpScreen(options: {width: number; height: number; scroll: number; readonly?: boolean}): {lines: Line[]; maxScroll: number} {
	const {width, height} = options;
	const body = helpBody(width, options.readonly ?? false);
	const room = Math.max(0, height - 1);
	const maxScroll = Math.max(0, body.length - room);
	const top = Math.min(Math.max(0, options.scroll), maxScroll);
	const position = maxScroll > 0 ? `  keys ${top + 1}–${Math.min(body.length, top + room)} of ${body.length}; ↑↓ PgUp PgDn scroll` : '';
	const title = fitLine(
		[
			{text: 'proctop keys', bold: true, inverse: true},
			{text: `  Esc, q or h closes this screen${position}`, dim: true},
		],
		width,
	);
	return {lines: height > 0 ? [title, ...body.slice(top, top + room)] : [], maxScroll};
}
