// Pure: the list of processes that exited while proctop watched, most recent first: when each
// started and ended, pid, what it was (app or name), how long it ran, its peak CPU% and resident memory, and
// its command line; scrolled like the help.

import {fitCell, formatBytes, formatClock, formatDateTime, formatLifetime, formatPercent} from '../../model/format.js';
import type {ExitedRecord} from '../../types.js';
import {fitLine, type Line} from './segments.js';

/** When it started: the time of day if it was the day it ended, else the date. */
function started(record: ExitedRecord): string {
	const [startDay, endDay] = [formatDateTime(record.startTimeMs).slice(0, 10), formatDateTime(record.endedAt).slice(0, 10)];
	return startDay === endDay ? formatClock(record.startTimeMs) : startDay.slice(2);
}

export function exitedLines(input: {records: readonly ExitedRecord[]; width: number; height: number; scroll: number}): {lines: Line[]; maxScroll: number} {
	const {records, width, height} = input;
	const title = fitLine(
		[
			{text: ' Exited while watched ', inverse: true, bold: true},
			{text: `  ${records.length === 0 ? 'none yet' : `${records.length}, most recent first`}   Esc back`, dim: true},
		],
		width,
	);
	const heading = fitLine([{text: 'STARTED   ENDED         PID  APP / NAME               RAN       PEAK CPU%  PEAK RES  COMMAND', bold: true}], width);
	const rows = records.map(record =>
		fitLine(
			[
				{
					text: `${started(record).padEnd(9)} ${formatClock(record.endedAt).padEnd(9)} ${String(record.pid).padStart(7)}  ${fitCell(record.app || record.name, 24)} ${fitCell(formatLifetime(record.endedAt - record.startTimeMs), 9)} ${formatPercent(record.peakCpuPercent).padStart(9)}  ${formatBytes(record.peakResidentBytes).padStart(8)}  `,
				},
				...(record.signalledWith ? [{text: `after ${record.signalledWith} from proctop  `, color: 'yellow' as const}] : []),
				{text: record.command || record.name, dim: true},
			],
			width,
		),
	);
	const room = Math.max(0, height - 2);
	const maxScroll = Math.max(0, rows.length - room);
	const top = Math.min(input.scroll, maxScroll);
	return {lines: [title, heading, ...rows.slice(top, top + room)], maxScroll};
}
