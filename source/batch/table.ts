// The plain-text --once table (pure): header + one line per process, no escape codes.

import type {ProcessSample} from '../types.js';
import {BATCH_COLUMNS, formatRow, layoutColumns} from '../ui/columns.js';

/** Lines of the table; `width` Infinity (a pipe) never truncates the command. */
export function renderTable(processes: readonly ProcessSample[], width: number): string[] {
	const columns = layoutColumns(BATCH_COLUMNS, width);
	const lines = [formatRow(columns, c => c.title)];
	for (const process of processes) lines.push(formatRow(columns, c => c.text(process)));
	return lines;
}
