// Pure: the entries of the pick-a-user and pick-a-sort-column menus, and the help screen lines.

import type {ProcessSample} from '../types.js';
import {SORT_KEYS, type SortKeyId} from '../sampling/sort.js';
import {KEYMAP, bindingLabel} from './keymap.js';
import {fit} from './format.js';
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
		lines.push(fitLine([{text: ` ${entry.label}`, inverse: selected, bold: selected}], width));
	}
	return lines;
}

/** The help screen, generated from KEYMAP (one line per binding: keys, then what they do). */
export function helpLines(width: number, height: number): Line[] {
	const keyWidth = Math.max(...KEYMAP.map(binding => bindingLabel(binding).length)) + 2;
	const lines: Line[] = [fitLine([{text: 'proctop keys', bold: true, inverse: true}, {text: '  Esc, q or h closes this screen', dim: true}], width)];
	for (const binding of KEYMAP) {
		lines.push(fitLine([{text: fit(bindingLabel(binding), keyWidth), bold: true, color: 'cyan'}, {text: binding.help}], width));
	}
	if (lines.length > height && height > 0) return [...lines.slice(0, height - 1), fitLine([{text: '… (make the terminal taller to see every key)', dim: true}], width)];
	return lines;
}
