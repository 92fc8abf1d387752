// Pure: the details view's lines for one process (what /proc says now plus what the snapshot
// knows: parent chain, children). The command line is wrapped in full, never truncated.

import {cgroupPath} from '../../identify/service.js';
import {
	formatBytes,
	formatClock,
	formatCpuTime,
	formatDateTime,
	formatLifetime,
	formatPercent,
	formatRate,
	formatUptime,
	stateName,
	wrapText,
} from '../../model/format.js';
import {sparkline} from '../../model/sparkline.js';
import type {ProcessDetails} from '../../platform/linux/details.js';
import {isAvailable, type Maybe} from '../../platform/linux/details.js';
import type {OpenFile} from '../../platform/linux/process-lists.js';
import type {ProcessSample} from '../../types.js';
import type {DetailsListShown} from '../hooks/use-details.js';
import {fitLine, type Line} from './segments.js';

export type DetailsInput = {
	process: ProcessSample;
	details: ProcessDetails | undefined;
	/** Ancestors from the parent up to pid 1, nearest first. */
	parents: readonly ProcessSample[];
	children: number;
	nowMs: number;
	width: number;
	/** When proctop saw the process gone (ms since the epoch): the view keeps its last values. */
	exitedAt?: number;
	/** The whole command line (w), or its first COMMAND_LINES lines. */
	wholeCommand?: boolean;
	/** A remembered moment: only what was sampled then is known (not /proc's now). */
	past?: boolean;
	/** CPU% and RES over the remembered ticks, for the graphs. */
	series?: {takenAt: number[]; cpuPercent: number[]; residentBytes: number[]};
	asciiGraphs?: boolean;
};

/** A long command line folds to this many lines, so everything else stays on screen. */
export const COMMAND_LINES = 4;

const LABEL_WIDTH = 13;

// The details view redraws every refresh; a 300 KB command line is wrapped once, not each time.
let wrapped: {text: string; width: number; lines: string[]} | undefined;
function wrapOnce(text: string, width: number): string[] {
	if (wrapped?.text !== text || wrapped.width !== width) wrapped = {text, width, lines: wrapText(text, width)};
	return wrapped.lines;
}

function show<T>(value: Maybe<T> | undefined, format: (value: T) => string, past?: boolean): string {
	if (value === undefined) return past ? 'not kept in history' : '…';
	return isAvailable(value) ? format(value) : value.unavailable;
}

/** Why /proc/<pid>/io could not be read, in words. */
function ioWhy(code: string): string {
	if (code === 'EACCES' || code === 'EPERM') return "permission denied: /proc/<pid>/io needs the process's own user, or root with ptrace access";
	if (code === 'ENOENT' || code === 'ESRCH') return 'it exited before its I/O was read';
	return `/proc/<pid>/io could not be read: ${code}`;
}

export function detailLines(input: DetailsInput): Line[] {
	const known = <T>(value: Maybe<T> | undefined, format: (value: T) => string) => show(value, format, input.past);
	const {process, details, width} = input;
	const lines: Line[] = [];
	const valueWidth = Math.max(1, width - LABEL_WIDTH);
	const field = (label: string, value: string, maxLines = Number.POSITIVE_INFINITY) => {
		let parts = value.length > 2000 ? wrapOnce(value, valueWidth) : wrapText(value, valueWidth);
		if (parts.length > maxLines) parts = [...parts.slice(0, maxLines - 1), `… ${parts.length - maxLines + 1} more lines (w: the whole command line)`];
		for (const [index, part] of parts.entries()) {
			lines.push(fitLine([{text: (index === 0 ? label : '').padEnd(LABEL_WIDTH), color: 'cyan', bold: index === 0}, {text: part}], width));
		}
	};
	const state =
		input.exitedAt === undefined
			? `${stateName(process.state)} (${process.state})`
			: `exited at ${formatClock(input.exitedAt)} (ran ${formatLifetime(input.exitedAt - process.startTimeMs)}); last values below`;
	lines.push(
		fitLine(
			[
				{text: ` ${process.pid} ${process.name} `, inverse: true, bold: true},
				{
					text: `  ${state}${process.isOrphan ? ', orphan' : ''}${process.isKernelThread ? ', kernel thread' : ''}`,
					color: input.exitedAt === undefined ? undefined : 'yellow',
					bold: input.exitedAt !== undefined,
				},
			],
			width,
		),
	);
	// Until /proc has been read for the details (or without /proc), the sampled command line.
	const command = details?.command ?? process.command;
	field(
		'Command',
		known(command, text => text || '(none: kernel thread or zombie)'),
		input.wholeCommand ? Number.POSITIVE_INFINITY : COMMAND_LINES,
	);
	if (process.app) field('App', process.app);
	field(
		'Executable',
		known(details?.executable, text => text),
	);
	field(
		'Working dir',
		known(details?.workingDirectory, text => text),
	);
	const cgroup = details?.cgroup === undefined ? undefined : known(details.cgroup, text => cgroupPath(text));
	if (process.service || (cgroup && cgroup !== '/'))
		field('Service', [process.service, cgroup && cgroup !== process.service ? `(cgroup ${cgroup})` : ''].filter(Boolean).join(' '));
	field('Parents', [`${process.pid} ${process.name}`, ...input.parents.map(parent => `${parent.pid} ${parent.name}`)].join(' ← '));
	field('User', input.past ? process.user : `${process.user} (uid ${known(details?.uids, text => text)})`);
	field(
		'Started',
		`${formatDateTime(process.startTimeMs)} (${formatUptime(((input.exitedAt ?? input.nowMs) - process.startTimeMs) / 1000)} ${input.exitedAt === undefined ? 'ago' : 'before it exited'})`,
	);
	field('Threads', `${process.threads}   nice ${process.nice}   priority ${process.priority <= -100 ? 'RT' : process.priority}`);
	field(
		'Memory',
		`RES ${formatBytes(process.residentBytes)}   VIRT ${formatBytes(process.virtualBytes)}   swap ${known(details?.swapBytes, formatBytes)}   ${formatPercent(process.memoryPercent)}%`,
	);
	field('CPU', `${formatPercent(process.cpuPercent)}% ${input.past ? 'then' : 'now'}, ${formatCpuTime(process.cpuSeconds)} total`);
	const series = input.series;
	if (series && series.cpuPercent.length > 1) {
		const cells = Math.max(1, valueWidth - 22);
		const seconds = (series.takenAt.at(-1)! - series.takenAt[0]!) / 1000;
		const peakCpu = Math.max(0, ...series.cpuPercent.filter(value => !Number.isNaN(value)));
		const peakResident = Math.max(0, ...series.residentBytes.filter(value => !Number.isNaN(value)));
		const over = `over ${formatUptime(seconds)}`;
		// Right-aligned: the newest point sits at the same place as the graph fills up.
		const graph = (values: number[], max: number) => sparkline(values, {cells, max, ascii: input.asciiGraphs}).padStart(cells);
		field('CPU graph', `${graph(series.cpuPercent, Math.max(100, peakCpu))} peak ${formatPercent(peakCpu)}%`);
		field('RES graph', `${graph(series.residentBytes, peakResident)} peak ${formatBytes(peakResident)}`);
		lines.push(fitLine([{text: ''.padEnd(LABEL_WIDTH)}, {text: `${over}, newest on the right`, dim: true}], width));
	}
	// The I/O rates, while an I/O column measures them; when they cannot be read, why.
	if (process.ioUnreadable !== undefined) field('Storage I/O', `- (${ioWhy(process.ioUnreadable)})`);
	else if (process.ioReadRate !== undefined && process.ioReadRate !== null && process.ioWriteRate != null)
		field('Storage I/O', `read ${formatRate(process.ioReadRate)}/s   write ${formatRate(process.ioWriteRate)}/s`);
	field('Children', String(input.children));
	field('Open files', known(details?.openFiles, String));
	field(
		'Listening',
		known(details?.listening, sockets =>
			sockets.length === 0
				? 'none'
				: sockets.map(socket => `${socket.protocol} ${socket.address.includes(':') ? `[${socket.address}]` : socket.address}:${socket.port}`).join(', '),
		),
	);
	return lines;
}

const FILE_KINDS: Record<OpenFile['kind'], string> = {
	file: 'file',
	directory: 'dir',
	socket: 'socket',
	pipe: 'pipe',
	device: 'device',
	anon: 'anon',
	other: 'other',
};

/** The details view's lists: its environment (e) or its open files (l), as htop's screens. */
export function detailsListLines(input: {process: ProcessSample; list: DetailsListShown; width: number; exitedAt?: number; past?: boolean}): Line[] {
	const {process, list, width} = input;
	const name = list.kind === 'environment' ? 'environment' : 'open files';
	const {entries} = list;
	const count = entries !== undefined && isAvailable(entries) ? `: ${entries.length}` : '';
	const lines: Line[] = [
		fitLine(
			[
				{text: ` ${process.pid} ${process.name} `, inverse: true, bold: true},
				{text: `  ${name}${count}`, bold: true},
				{text: `   ${list.kind === 'environment' ? 'e' : 'l'}: back to the details   Esc: the list`, dim: true},
			],
			width,
		),
	];
	const say = (text: string) => lines.push(fitLine([{text, color: 'yellow'}], width));
	if (input.past) say(`the ${name} of a moment in the past: not kept in history (go live: Esc, then Enter)`);
	else if (input.exitedAt !== undefined) say(`it exited at ${formatClock(input.exitedAt)}: nothing left to read`);
	else if (entries === undefined) say(`the ${name} can be read only from /proc (Linux, this machine)`);
	else if (!isAvailable(entries))
		say(entries.unavailable === 'n/a (permission)' ? `${entries.unavailable}: another user's ${name} can be read only as root` : entries.unavailable);
	else if (entries.length === 0) say(`no ${name}`);
	else if (list.kind === 'environment') {
		for (const entry of entries as string[]) {
			const equals = entry.indexOf('=');
			const [key, value] = equals === -1 ? [entry, ''] : [entry.slice(0, equals), entry.slice(equals)];
			// Long values (PATH) wrap under themselves rather than being cut.
			const parts = wrapText(`${key}${value}`, Math.max(1, width));
			for (const [index, part] of parts.entries()) {
				const head = index === 0 ? part.slice(0, key.length) : '';
				lines.push(fitLine([{text: head, color: 'cyan', bold: true}, {text: part.slice(head.length)}], width));
			}
		}
	} else {
		lines.push(fitLine([{text: `${'FD'.padStart(5)}  ${'TYPE'.padEnd(7)}NAME`, bold: true, inverse: true}], width));
		for (const file of entries as OpenFile[])
			lines.push(fitLine([{text: `${String(file.fd).padStart(5)}  `}, {text: FILE_KINDS[file.kind].padEnd(7), color: 'cyan'}, {text: file.target}], width));
	}
	return lines;
}
