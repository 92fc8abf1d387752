// Pure: the setup screen (S), htop's Setup › Columns: every column with whether the table shows
// it, the shown ones first in their order, then the others; and the edits the keys make to the
// chosen list. No I/O.

import {COLUMN_IDS, type ColumnId, column, DEFAULT_COLUMNS, OPTIONAL_COLUMNS} from '../../model/columns.js';
import {fitCell} from '../../model/format.js';
import {fitLine, type Line} from './segments.js';

/** What the setup screen lists: every column but the optional ones, which have their own key (C). */
export const SETUP_COLUMNS: readonly ColumnId[] = COLUMN_IDS.filter(id => !OPTIONAL_COLUMNS.includes(id));

export type SetupEntry = {id: ColumnId; shown: boolean};

/** The list: the shown columns in their order, then the hidden ones in the table's order. */
export function setupEntries(chosen: readonly ColumnId[] | undefined): SetupEntry[] {
	const shown = (chosen ?? DEFAULT_COLUMNS).filter(id => SETUP_COLUMNS.includes(id));
	return [...shown.map(id => ({id, shown: true})), ...SETUP_COLUMNS.filter(id => !shown.includes(id)).map(id => ({id, shown: false}))];
}

/** A change to the chosen columns, and where the highlight goes; or why there is none. */
export type SetupEdit = {columns: ColumnId[]; index: number} | {refused: string};

const shownOf = (chosen: readonly ColumnId[] | undefined) =>
	setupEntries(chosen)
		.filter(entry => entry.shown)
		.map(entry => entry.id);

/** Space: hide a shown column, or show a hidden one (before COMMAND, which stays last). */
export function toggleColumn(chosen: readonly ColumnId[] | undefined, index: number): SetupEdit {
	const entry = setupEntries(chosen)[index];
	if (!entry) return {refused: 'no column there'};
	const shown = shownOf(chosen);
	if (entry.shown) {
		if (shown.length === 1) return {refused: 'the table needs at least one column'};
		return {columns: shown.filter(id => id !== entry.id), index: Math.min(index, SETUP_COLUMNS.length - 1)};
	}
	const at = shown.at(-1) === 'command' ? shown.length - 1 : shown.length;
	return {columns: [...shown.slice(0, at), entry.id, ...shown.slice(at)], index: at};
}

/** < and >: move a shown column one place left (−1) or right (+1). */
export function moveColumn(chosen: readonly ColumnId[] | undefined, index: number, delta: -1 | 1): SetupEdit {
	const entry = setupEntries(chosen)[index];
	if (!entry?.shown) return {refused: 'only a shown column moves: Space shows it first'};
	const shown = shownOf(chosen);
	const to = index + delta;
	if (to < 0 || to >= shown.length) return {refused: delta < 0 ? 'it is the first column already' : 'it is the last column already'};
	const columns = [...shown];
	[columns[index], columns[to]] = [columns[to]!, columns[index]!];
	return {columns, index: to};
}

export function setupLines(input: {chosen: readonly ColumnId[] | undefined; index: number; width: number; height: number}): Line[] {
	const {width, height} = input;
	const entries = setupEntries(input.chosen);
	const lines: Line[] = [
		fitLine(
			[
				{text: 'Setup: columns', bold: true, inverse: true},
				{text: `  ${input.chosen ? 'as you chose them' : 'the default set'}; Space shows or hides, < > move, d default, Esc closes`, dim: true},
			],
			width,
		),
	];
	const room = Math.max(0, height - 1);
	const top = Math.max(0, Math.min(input.index - room + 1, entries.length - room));
	const titleWidth = Math.max(...SETUP_COLUMNS.map(id => column(id).title.length)) + 2;
	for (const [offset, entry] of entries.slice(top, top + room).entries()) {
		const selected = top + offset === input.index;
		const definition = column(entry.id);
		// PORTS and SERVICE take room only while some process has one.
		const when = definition.whenAny ? ' (while any process has one)' : '';
		lines.push(
			fitLine(
				[
					{text: `${selected ? '>' : ' '}[${entry.shown ? 'x' : ' '}] `, inverse: selected, bold: selected},
					{text: fitCell(definition.title, titleWidth), inverse: selected, bold: true, color: entry.shown ? 'cyan' : undefined},
					{text: `${definition.meaning}${when}`, inverse: selected, dim: !entry.shown && !selected},
				],
				width,
			),
		);
	}
	return lines;
}
