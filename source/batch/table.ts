// The plain-text --once table (pure): header + one line per process, no escape codes.

import {BATCH_COLUMNS, formatRow, layoutColumns, presentColumns} from '../model/columns.js';
import type {ProcessSample} from '../types.js';

/** One line of the table: a process and, in tree order, its guide ("│  ├─ "). */
export type TableRow = {process: ProcessSample; prefix?: string};

/** Lines of the table; `width` Infinity (a pipe) never truncates the command. */
export function renderTable(rows: readonly TableRow[], width: number): string[] {
	const columns = layoutColumns(
		presentColumns(
			BATCH_COLUMNS,
			rows.map(row => row.process),
		),
		width,
	);
	const lines = [formatRow(columns, c => c.title)];
	for (const {process, prefix = ''} of rows)
		lines.push(formatRow(columns, c => (c.id === 'command' ? prefix + c.text(process, c.cells) : c.text(process, c.cells))));
	return lines;
}
