// The process table's columns (their definitions are entries of the field table, fields.ts),
// the order each table shows them in, and how they fit a width. Pure.

import type {ProcessSample} from '../types.js';
import {COLUMNS, type ColumnId, type FieldColumn} from './fields.js';
import {fitCell} from './format.js';

export {COLUMNS, type ColumnId} from './fields.js';
export type Column = FieldColumn;

/** The interactive table's order, as htop's default screen. */
export const TABLE_COLUMNS: readonly ColumnId[] = [
	'pid',
	'user',
	'priority',
	'nice',
	'virtual',
	'resident',
	'state',
	'cpu',
	'cpu_graph',
	'memory',
	'time',
	'threads',
	'service',
	'ports',
	'app',
	'command',
];

/** Columns the interactive table shows only when asked (C: the CPU graph, btop's per-process graph). */
export const OPTIONAL_COLUMNS: readonly ColumnId[] = ['cpu_graph'];

/** The interactive table's columns when none were chosen and C is off. */
export const DEFAULT_COLUMNS: readonly ColumnId[] = TABLE_COLUMNS.filter(id => !OPTIONAL_COLUMNS.includes(id));

/** The --once table's order. */
export const BATCH_COLUMNS: readonly ColumnId[] = [
	'pid',
	'user',
	'state',
	'cpu',
	'memory',
	'resident',
	'threads',
	'nice',
	'time',
	'service',
	'ports',
	'app',
	'command',
];

/** Every column, as --columns names them. */
export const COLUMN_IDS: readonly ColumnId[] = COLUMNS.map(candidate => candidate.id);

export function isColumnId(value: string): value is ColumnId {
	return COLUMN_IDS.includes(value as ColumnId);
}

/**
 * The column a name means: its id, or its title as htop users type it, any case, with or
 * without `%` and `+` (`mem`, `MEM%`, `res`, `time+`, `sid`, `cpu graph`).
 */
export function columnNamed(name: string): ColumnId | undefined {
	// An id first: `cpu` is CPU%, though the processor's title is CPU (as htop's).
	const wanted = name.trim().toLowerCase().replace(/\s+/g, '_');
	const loose = (text: string) => text.toLowerCase().replace(/\s+/g, '_').replace(/[%+]$/, '');
	return (COLUMNS.find(candidate => candidate.id === wanted) ?? COLUMNS.find(candidate => loose(candidate.title) === loose(wanted)))?.id;
}

/** The --help and README list of columns: id, title, meaning. */
export function columnsMarkdown(): string {
	const rows = COLUMNS.map(candidate => `| \`${candidate.id}\` | ${candidate.title} | ${candidate.meaning} |`);
	return ['| id | title | shows |', '|---|---|---|', ...rows].join('\n');
}

export function column(id: ColumnId): Column {
	return COLUMNS.find(candidate => candidate.id === id)!;
}

export type LaidOutColumn = Column & {cells: number};

/**
 * The columns worth showing for these processes: a column that only some processes have a value
 * for (ports, service) is left out while none has one.
 */
export function presentColumns(ids: readonly ColumnId[], processes: readonly ProcessSample[]): ColumnId[] {
	return ids.filter(id => {
		const {whenAny} = column(id);
		return !whenAny || processes.some(whenAny);
	});
}

/**
 * Which columns fitCell in `width` cells (one space between columns), dropping the least important
 * first; the last column (command) gets the rest. `width` Infinity means "never truncate".
 */
export function layoutColumns(ids: readonly ColumnId[], width: number): LaidOutColumn[] {
	let chosen = ids.map(column);
	const needed = (columns: Column[]) => columns.reduce((sum, c) => sum + c.width, 0) + columns.length - 1;
	while (needed(chosen) > width && chosen.length > 1) {
		const drop = chosen.reduce((worst, c) => (c.priority > worst.priority ? c : worst));
		if (drop.priority === 0) break;
		chosen = chosen.filter(c => c !== drop);
	}
	const fixed = needed(chosen) - chosen.at(-1)!.width;
	return chosen.map((c, index) =>
		index === chosen.length - 1 ? {...c, cells: Math.max(0, width - fixed)} : {...c, cells: Math.min(c.width, Math.max(0, width))},
	);
}

/** One row's text, every cell fitted to its width; the flexible last cell is not padded. */
export function formatRow(columns: readonly LaidOutColumn[], cell: (column: LaidOutColumn) => string): string {
	return columns.map((c, index) => (index === columns.length - 1 && !Number.isFinite(c.cells) ? cell(c) : fitCell(cell(c), c.cells, c.align))).join(' ');
}
