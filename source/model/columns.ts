// The process table's columns as one data table: title, width, alignment, drop priority,
// sort key and cell text. The UI, the --once table and the README all read it.

import type {ProcessSample} from '../types.js';
import {displayCommand, fitCell, formatBytes, formatCpuTime, formatPercent} from './format.js';
import type {SortKeyId} from './sort.js';

export type ColumnId = 'pid' | 'user' | 'priority' | 'nice' | 'virtual' | 'resident' | 'state' | 'cpu' | 'memory' | 'time' | 'threads' | 'command';

export type Column = {
	id: ColumnId;
	title: string;
	/** Cells; the command column's width is whatever is left (at least `width`). */
	width: number;
	align: 'left' | 'right';
	/** Lower is more important: on a narrow terminal the highest priorities drop first. */
	priority: number;
	sortKey: SortKeyId;
	/** Plain cell text, before fitting (untrusted parts are sanitized upstream). */
	text: (process: ProcessSample) => string;
};

export const COLUMNS: readonly Column[] = [
	{id: 'pid', title: 'PID', width: 7, align: 'right', priority: 0, sortKey: 'pid', text: p => String(p.pid)},
	{id: 'user', title: 'USER', width: 9, align: 'left', priority: 4, sortKey: 'user', text: p => p.user},
	{id: 'priority', title: 'PRI', width: 3, align: 'right', priority: 9, sortKey: 'priority', text: p => (p.priority <= -100 ? 'RT' : String(p.priority))},
	{id: 'nice', title: 'NI', width: 3, align: 'right', priority: 7, sortKey: 'nice', text: p => String(p.nice)},
	{id: 'virtual', title: 'VIRT', width: 6, align: 'right', priority: 10, sortKey: 'virtual', text: p => formatBytes(p.virtualBytes)},
	{id: 'resident', title: 'RES', width: 6, align: 'right', priority: 5, sortKey: 'resident', text: p => formatBytes(p.residentBytes)},
	{id: 'state', title: 'S', width: 1, align: 'left', priority: 3, sortKey: 'state', text: p => p.state},
	{id: 'cpu', title: 'CPU%', width: 5, align: 'right', priority: 1, sortKey: 'cpu', text: p => formatPercent(p.cpuPercent)},
	{id: 'memory', title: 'MEM%', width: 5, align: 'right', priority: 2, sortKey: 'memory', text: p => formatPercent(p.memoryPercent)},
	{id: 'time', title: 'TIME+', width: 9, align: 'right', priority: 6, sortKey: 'time', text: p => formatCpuTime(p.cpuSeconds)},
	{id: 'threads', title: 'THR', width: 4, align: 'right', priority: 8, sortKey: 'threads', text: p => String(p.threads)},
	{id: 'command', title: 'COMMAND', width: 10, align: 'left', priority: 0, sortKey: 'name', text: p => displayCommand(p)},
];

/** The interactive table's order, as htop's default screen. */
export const TABLE_COLUMNS: readonly ColumnId[] = COLUMNS.map(column => column.id);

/** The --once table's order. */
export const BATCH_COLUMNS: readonly ColumnId[] = ['pid', 'user', 'state', 'cpu', 'memory', 'resident', 'threads', 'nice', 'time', 'command'];

export function column(id: ColumnId): Column {
	return COLUMNS.find(candidate => candidate.id === id)!;
}

export type LaidOutColumn = Column & {cells: number};

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
