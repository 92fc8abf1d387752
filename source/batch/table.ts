// The plain-text --once table (pure): header + one line per process, no escape codes.

import {BATCH_COLUMNS, type ColumnId, formatRow, layoutColumns, presentColumns} from '../model/columns.js';
import type {ProcessSample} from '../types.js';

/** One line of the table: a process and, in tree order, its guide ("│  ├─ "). */
export type TableRow = {process: ProcessSample; prefix?: string};

/**
 * Lines of the table; `width` Infinity (a pipe) never truncates the command. `chosen` (--columns)
 * is shown as given; by default a column nobody has a value for (PORTS, SERVICE) is left out.
 */
export function renderTable(rows: readonly TableRow[], width: number, atMs: number, chosen?: readonly ColumnId[]): string[] {
	const ids =
		chosen ??
		presentColumns(
			BATCH_COLUMNS,
			rows.map(row => row.process),
		);
	const columns = layoutColumns(ids, width);
	const lines = [formatRow(columns, c => c.title)];
	for (const {process, prefix = ''} of rows)
		lines.push(formatRow(columns, c => (c.id === 'command' ? prefix + c.text(process, c.cells, atMs) : c.text(process, c.cells, atMs))));
	return lines;
}
