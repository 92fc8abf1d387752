// The one table of what proctop knows about a process (pure). Each entry says, for one field,
// how it shows as a column (title, width, alignment, drop priority, cell text), how it sorts
// (the --sort id, label and default direction) and what it is in --json (name, type, meaning).
// The UI's columns, the --once table, the sort keys and menu, --help's sort list and the
// README's JSON table are all read from here. A column from an existing field is one entry;
// from a new /proc field, a parser (platform/linux/procfs-parse.ts) plus an entry.

import type {ProcessSample} from '../types.js';
import {displayCommand, formatBytes, formatCpuTime, formatElapsed, formatPercent, formatPorts, formatRate, formatStart, formatTty} from './format.js';
import {inOrder, sparkline} from './sparkline.js';

export type SortKeyId =
	| 'cpu'
	| 'memory'
	| 'time'
	| 'pid'
	| 'name'
	| 'app'
	| 'user'
	| 'state'
	| 'threads'
	| 'nice'
	| 'priority'
	| 'virtual'
	| 'resident'
	| 'ports'
	| 'service'
	| 'ppid'
	| 'pgrp'
	| 'session'
	| 'tty'
	| 'start'
	| 'io_read_rate'
	| 'io_write_rate'
	| 'swap'
	| 'voluntary_switches'
	| 'involuntary_switches'
	| 'open_fds'
	| 'cgroup'
	| 'oom_score'
	| 'processor'
	| 'shared';
export type ColumnId =
	| 'pid'
	| 'user'
	| 'priority'
	| 'nice'
	| 'virtual'
	| 'resident'
	| 'state'
	| 'cpu'
	| 'cpu_graph'
	| 'memory'
	| 'time'
	| 'threads'
	| 'service'
	| 'ports'
	| 'app'
	| 'command'
	| 'ppid'
	| 'pgrp'
	| 'session'
	| 'tty'
	| 'start'
	| 'elapsed'
	| 'io_read_rate'
	| 'io_write_rate'
	| 'swap'
	| 'voluntary_switches'
	| 'involuntary_switches'
	| 'open_fds'
	| 'cgroup'
	| 'oom_score'
	| 'processor'
	| 'shared';

export type FieldColumn = {
	id: ColumnId;
	title: string;
	/** Cells; the command column's width is whatever is left (at least `width`). */
	width: number;
	align: 'left' | 'right';
	/** Lower is more important: on a narrow terminal the highest priorities drop first. */
	priority: number;
	/**
	 * Plain cell text for `cells` cells (Infinity: no limit), before fitting (untrusted parts are
	 * sanitized upstream); `atMs` is when the moment shown was sampled (START, ELAPSED).
	 */
	text: (process: ProcessSample, cells: number, atMs: number) => string;
	/** One line for --help and the README: what the column shows. */
	meaning: string;
	/** Shown only while some process has a value (most have no ports or service): saves the room. */
	whenAny?: (process: ProcessSample) => boolean;
	/** The sort key that orders by this column (its title carries ▼/▲ while active). */
	sortKey: SortKeyId;
};

export type FieldSort = {
	id: SortKeyId;
	label: string;
	/** Numbers sort numerically, strings by locale-independent code-unit order. */
	value: (process: ProcessSample) => number | string;
	/** Big-first by default for load figures (as htop), small-first for names and ids. */
	descending: boolean;
};

export type FieldJson = {
	name: string;
	/** As the README's JSON table writes it. */
	type: string;
	meaning: string;
	value: (process: ProcessSample) => unknown;
};

export type Field = {column?: FieldColumn; sort?: FieldSort; json?: FieldJson};

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function isoOrNull(ms: number): string | null {
	const date = new Date(ms);
	return Number.isFinite(date.getTime()) && ms > 0 ? date.toISOString() : null;
}

/** A resource column's cell: blank until read (not shown, or kernel threads), `-` when unreadable. */
function resourceCell(process: ProcessSample, value: number | undefined, format: (value: number) => string): string {
	if (!process.resources) return '';
	return value === undefined ? '-' : format(value);
}

/** A cell read only while its column is shown: blank until read, `-` when it could not be read. */
function readCell(value: number | null | undefined, format: (value: number) => string): string {
	return value === undefined ? '' : value === null ? '-' : format(value);
}

/** In --json order. */
export const FIELDS: readonly Field[] = [
	{
		column: {id: 'pid', title: 'PID', width: 7, align: 'right', priority: 0, sortKey: 'pid', text: p => String(p.pid), meaning: 'process id'},
		sort: {id: 'pid', label: 'PID', value: p => p.pid, descending: false},
		json: {name: 'pid', type: 'number', meaning: 'process id', value: p => p.pid},
	},
	{
		column: {id: 'ppid', title: 'PPID', width: 7, align: 'right', priority: 8.5, sortKey: 'ppid', text: p => String(p.ppid), meaning: 'parent process id'},
		sort: {id: 'ppid', label: 'PPID', value: p => p.ppid, descending: false},
		json: {name: 'ppid', type: 'number', meaning: 'parent process id', value: p => p.ppid},
	},
	{
		column: {id: 'pgrp', title: 'PGRP', width: 7, align: 'right', priority: 8.6, sortKey: 'pgrp', text: p => String(p.pgrp), meaning: 'process group id'},
		sort: {id: 'pgrp', label: 'PGRP', value: p => p.pgrp, descending: false},
		json: {name: 'pgrp', type: 'number', meaning: 'process group id (a shell job)', value: p => p.pgrp},
	},
	{
		column: {id: 'session', title: 'SID', width: 7, align: 'right', priority: 8.7, sortKey: 'session', text: p => String(p.session), meaning: 'session id'},
		sort: {id: 'session', label: 'SID', value: p => p.session, descending: false},
		json: {name: 'session', type: 'number', meaning: 'session id (a login or terminal session)', value: p => p.session},
	},
	{
		column: {
			id: 'tty',
			title: 'TTY',
			width: 7,
			align: 'left',
			priority: 8.8,
			sortKey: 'tty',
			text: p => formatTty(p.tty),
			meaning: 'controlling terminal (pts/3), ? for none',
		},
		sort: {id: 'tty', label: 'TTY', value: p => (p.tty === 0 ? '~' : formatTty(p.tty)), descending: false},
		json: {
			name: 'tty',
			type: 'string \\| null',
			meaning: 'controlling terminal (`pts/3`, `tty1`); null for none',
			value: p => (p.tty === 0 ? null : formatTty(p.tty)),
		},
	},
	{
		sort: {id: 'name', label: 'COMMAND', value: p => p.name.toLowerCase(), descending: false},
		json: {name: 'name', type: 'string', meaning: 'short name (`comm`), sanitized', value: p => p.name},
	},
	{
		column: {
			id: 'command',
			title: 'COMMAND',
			width: 24,
			align: 'left',
			priority: 0,
			sortKey: 'name',
			text: p => displayCommand(p),
			meaning: 'the command line (kernel threads [name]; ← → scroll it)',
		},
		json: {
			name: 'command',
			type: 'string',
			meaning: 'full command line, arguments joined by spaces, sanitized; `""` for kernel threads and zombies',
			value: p => p.command,
		},
	},
	{
		column: {
			id: 'app',
			title: 'APP',
			width: 22,
			align: 'left',
			priority: 4.2,
			sortKey: 'app',
			text: p => p.app,
			meaning: 'what it is, from its command line and package.json',
		},
		sort: {id: 'app', label: 'APP', value: p => p.app.toLowerCase(), descending: false},
		json: {
			name: 'app',
			type: 'string',
			meaning: 'what it is, from its command line, working directory and package.json (`my-api › server.js`, `worker of pool.py`), sanitized',
			value: p => p.app,
		},
	},
	{
		column: {
			id: 'ports',
			title: 'PORTS',
			width: 11,
			align: 'left',
			priority: 4.5,
			sortKey: 'ports',
			text: (p, cells) => formatPorts(p.ports, cells),
			whenAny: p => p.ports.length > 0,
			meaning: 'the TCP/UDP ports it listens on',
		},
		// The lowest port first; processes without a port after every listener.
		sort: {id: 'ports', label: 'PORTS', value: p => p.ports[0]?.port ?? 70_000, descending: false},
		json: {
			name: 'ports',
			type: 'array',
			meaning: 'listening TCP and bound UDP sockets it holds: `[{protocol, address, port}]`, from /proc/net and its fds',
			value: p => p.ports.map(({protocol, address, port}) => ({protocol, address, port})),
		},
	},
	{
		column: {
			id: 'service',
			title: 'SERVICE',
			width: 16,
			align: 'left',
			priority: 6.5,
			sortKey: 'service',
			text: p => p.service,
			whenAny: p => p.service !== '',
			meaning: 'systemd unit, container or pod',
		},
		sort: {id: 'service', label: 'SERVICE', value: p => p.service, descending: false},
		json: {
			name: 'service',
			type: 'string',
			meaning: 'systemd unit, container (`docker:name`) or pod (`namespace/pod`) from its cgroup; `""` when none',
			value: p => p.service,
		},
	},
	{
		column: {
			id: 'oom_score',
			title: 'OOM',
			width: 4,
			align: 'right',
			priority: 8.48,
			sortKey: 'oom_score',
			text: p => readCell(p.oomScore, String),
			meaning: "the OOM killer's score, 0–1000: the highest goes first when memory runs out",
		},
		sort: {id: 'oom_score', label: 'OOM', value: p => p.oomScore ?? -1, descending: true},
	},
	{
		column: {
			id: 'cgroup',
			title: 'CGROUP',
			width: 24,
			align: 'left',
			priority: 8.95,
			sortKey: 'cgroup',
			text: p => p.cgroup ?? '',
			meaning: 'its cgroup: where systemd, docker or kubernetes put it',
		},
		sort: {id: 'cgroup', label: 'CGROUP', value: p => p.cgroup ?? '', descending: false},
	},
	{
		column: {id: 'user', title: 'USER', width: 9, align: 'left', priority: 4, sortKey: 'user', text: p => p.user, meaning: 'owner'},
		sort: {id: 'user', label: 'USER', value: p => p.user, descending: false},
		json: {name: 'user', type: 'string', meaning: 'owner; the uid as digits when it has no name', value: p => p.user},
	},
	{json: {name: 'uid', type: 'number \\| null', meaning: 'owner uid; null where the platform does not say', value: p => p.uid ?? null}},
	{
		column: {
			id: 'state',
			title: 'S',
			width: 1,
			align: 'left',
			priority: 3,
			sortKey: 'state',
			text: p => p.state,
			meaning: 'R running, S sleeping, D disk wait, T stopped, Z zombie, I idle',
		},
		sort: {id: 'state', label: 'S', value: p => p.state, descending: false},
		json: {
			name: 'state',
			type: 'string',
			meaning: 'one letter: R running, S sleeping, D disk wait, T stopped, t traced, Z zombie, I idle',
			value: p => p.state,
		},
	},
	{
		column: {
			id: 'cpu',
			title: 'CPU%',
			width: 5,
			align: 'right',
			priority: 1,
			sortKey: 'cpu',
			text: p => formatPercent(p.cpuPercent),
			meaning: '% of one core over the interval',
		},
		// First sight has no CPU% yet: sort it below every measured value, including 0.
		sort: {id: 'cpu', label: 'CPU%', value: p => p.cpuPercent ?? -1, descending: true},
		json: {
			name: 'cpuPercent',
			type: 'number \\| null',
			meaning: '% of one core over the interval (can exceed 100 for multithreaded processes); null on first sight',
			value: p => (p.cpuPercent === null ? null : round(p.cpuPercent)),
		},
	},
	{
		// btop's per-process graph: the last ticks' CPU% (history keeps them); C shows it.
		column: {
			id: 'cpu_graph',
			title: 'CPU GRAPH',
			width: 9,
			align: 'left',
			priority: 4.8,
			sortKey: 'cpu',
			text: (p, cells) =>
				p.recentCpu ? sparkline(inOrder(p.recentCpu), {cells: Number.isFinite(cells) ? cells : 16, max: 100}).padStart(Number.isFinite(cells) ? cells : 0) : '',
			whenAny: p => p.recentCpu !== undefined,
			meaning: 'its last 16 ticks of CPU% (needs history)',
		},
	},
	{
		column: {
			id: 'processor',
			title: 'CPU',
			width: 3,
			align: 'right',
			priority: 8.47,
			sortKey: 'processor',
			// Blank until the source has parsed it (the tick after the column appears; the past has none).
			text: p => readCell(p.processor, String),
			meaning: 'the CPU it last ran on (a thread its own, with H)',
		},
		sort: {id: 'processor', label: 'CPU', value: p => p.processor ?? -1, descending: false},
	},
	{
		column: {
			id: 'memory',
			title: 'MEM%',
			width: 5,
			align: 'right',
			priority: 2,
			sortKey: 'memory',
			text: p => formatPercent(p.memoryPercent),
			meaning: 'resident memory ÷ physical memory',
		},
		sort: {id: 'memory', label: 'MEM%', value: p => p.residentBytes || p.memoryPercent, descending: true},
		json: {name: 'memoryPercent', type: 'number', meaning: 'resident memory ÷ physical memory × 100', value: p => round(p.memoryPercent)},
	},
	{
		column: {
			id: 'resident',
			title: 'RES',
			width: 6,
			align: 'right',
			priority: 5,
			sortKey: 'resident',
			text: p => formatBytes(p.residentBytes),
			meaning: 'resident memory (RES)',
		},
		sort: {id: 'resident', label: 'RES', value: p => p.residentBytes, descending: true},
		json: {name: 'residentBytes', type: 'number', meaning: 'resident memory (RES), bytes', value: p => p.residentBytes},
	},
	{
		column: {
			id: 'shared',
			title: 'SHR',
			width: 6,
			align: 'right',
			priority: 8.46,
			sortKey: 'shared',
			text: p => readCell(p.sharedBytes, formatBytes),
			meaning: 'resident memory shared or backed by files (SHR, from statm)',
		},
		sort: {id: 'shared', label: 'SHR', value: p => p.sharedBytes ?? -1, descending: true},
	},
	{
		column: {
			id: 'virtual',
			title: 'VIRT',
			width: 6,
			align: 'right',
			priority: 10,
			sortKey: 'virtual',
			text: p => formatBytes(p.virtualBytes),
			meaning: 'virtual memory (VIRT)',
		},
		sort: {id: 'virtual', label: 'VIRT', value: p => p.virtualBytes, descending: true},
		json: {name: 'virtualBytes', type: 'number', meaning: 'virtual memory (VIRT), bytes', value: p => p.virtualBytes},
	},
	{
		column: {id: 'threads', title: 'THR', width: 4, align: 'right', priority: 8, sortKey: 'threads', text: p => String(p.threads), meaning: 'threads'},
		sort: {id: 'threads', label: 'THR', value: p => p.threads, descending: true},
		json: {name: 'threads', type: 'number', meaning: 'threads', value: p => p.threads},
	},
	{
		column: {id: 'nice', title: 'NI', width: 3, align: 'right', priority: 7, sortKey: 'nice', text: p => String(p.nice), meaning: 'nice value, -20 to 19'},
		sort: {id: 'nice', label: 'NI', value: p => p.nice, descending: false},
		json: {name: 'nice', type: 'number', meaning: 'nice value, -20 (highest priority) to 19', value: p => p.nice},
	},
	{
		column: {
			id: 'priority',
			title: 'PRI',
			width: 3,
			align: 'right',
			priority: 9,
			sortKey: 'priority',
			text: p => (p.priority <= -100 ? 'RT' : String(p.priority)),
			meaning: 'kernel priority (RT: real-time)',
		},
		sort: {id: 'priority', label: 'PRI', value: p => p.priority, descending: false},
		json: {name: 'priority', type: 'number', meaning: 'kernel priority (negative: real-time)', value: p => p.priority},
	},
	{
		column: {
			id: 'start',
			title: 'START',
			width: 6,
			align: 'right',
			priority: 8.9,
			sortKey: 'start',
			text: (p, _cells, atMs) => formatStart(p.startTimeMs, atMs),
			meaning: 'when it started: 16:04 today, else Nov 28',
		},
		sort: {id: 'start', label: 'START', value: p => p.startTimeMs, descending: false},
		json: {name: 'startTime', type: 'string \\| null', meaning: 'when it started, ISO 8601', value: p => isoOrNull(p.startTimeMs)},
	},
	{
		column: {
			id: 'elapsed',
			title: 'ELAPSED',
			width: 11,
			align: 'right',
			priority: 9.1,
			sortKey: 'start',
			text: (p, _cells, atMs) => formatElapsed((atMs - p.startTimeMs) / 1000),
			meaning: 'how long it has run: 05:32, 3:05:32, 12-03:05:32',
		},
	},
	{
		column: {
			id: 'time',
			title: 'TIME+',
			width: 9,
			align: 'right',
			priority: 6,
			sortKey: 'time',
			text: p => formatCpuTime(p.cpuSeconds),
			meaning: 'CPU time used, user + system',
		},
		sort: {id: 'time', label: 'TIME+', value: p => p.cpuSeconds, descending: true},
		json: {name: 'cpuSeconds', type: 'number', meaning: 'user + system CPU time in seconds, not counting children', value: p => round(p.cpuSeconds)},
	},
	{
		column: {
			id: 'io_read_rate',
			title: 'IO_R/s',
			width: 7,
			align: 'right',
			priority: 5.5,
			sortKey: 'io_read_rate',
			text: p => formatRate(p.ioReadRate),
			meaning: 'bytes read from storage per second (/proc/<pid>/io; - when it cannot be read: see details)',
		},
		sort: {id: 'io_read_rate', label: 'IO_R/s', value: p => p.ioReadRate ?? -1, descending: true},
	},
	{
		column: {
			id: 'io_write_rate',
			title: 'IO_W/s',
			width: 7,
			align: 'right',
			priority: 5.6,
			sortKey: 'io_write_rate',
			text: p => formatRate(p.ioWriteRate),
			meaning: 'bytes written to storage per second',
		},
		sort: {id: 'io_write_rate', label: 'IO_W/s', value: p => p.ioWriteRate ?? -1, descending: true},
	},
	{
		column: {
			id: 'swap',
			title: 'SWAP',
			width: 6,
			align: 'right',
			priority: 8.2,
			sortKey: 'swap',
			text: p => resourceCell(p, p.resources?.swapBytes, formatBytes),
			meaning: 'memory swapped out (VmSwap)',
		},
		sort: {id: 'swap', label: 'SWAP', value: p => p.resources?.swapBytes ?? -1, descending: true},
	},
	{
		column: {
			id: 'voluntary_switches',
			title: 'VCTX',
			width: 8,
			align: 'right',
			priority: 8.3,
			sortKey: 'voluntary_switches',
			text: p => resourceCell(p, p.resources?.voluntarySwitches, String),
			meaning: 'voluntary context switches (it waited: I/O, sleep, lock)',
		},
		sort: {id: 'voluntary_switches', label: 'VCTX', value: p => p.resources?.voluntarySwitches ?? -1, descending: true},
	},
	{
		column: {
			id: 'involuntary_switches',
			title: 'NVCTX',
			width: 8,
			align: 'right',
			priority: 8.4,
			sortKey: 'involuntary_switches',
			text: p => resourceCell(p, p.resources?.involuntarySwitches, String),
			meaning: 'involuntary context switches (preempted: it wanted more CPU)',
		},
		sort: {id: 'involuntary_switches', label: 'NVCTX', value: p => p.resources?.involuntarySwitches ?? -1, descending: true},
	},
	{
		column: {
			id: 'open_fds',
			title: 'FDS',
			width: 5,
			align: 'right',
			priority: 8.45,
			sortKey: 'open_fds',
			text: p => resourceCell(p, p.resources?.openFds, String),
			meaning: 'open file descriptors',
		},
		sort: {id: 'open_fds', label: 'FDS', value: p => p.resources?.openFds ?? -1, descending: true},
	},
	{json: {name: 'isKernelThread', type: 'boolean', meaning: 'from the `PF_KTHREAD` flag, never from the name', value: p => p.isKernelThread}},
	{json: {name: 'isOrphan', type: 'boolean', meaning: 'its parent exited while proctop watched and it was reparented', value: p => p.isOrphan}},
];

/** The order of the sort keys: the `<` `>` keys step through it, menus and --help list it. */
const SORT_ORDER: readonly SortKeyId[] = [
	'cpu',
	'memory',
	'time',
	'pid',
	'name',
	'app',
	'user',
	'state',
	'threads',
	'nice',
	'priority',
	'virtual',
	'resident',
	'ports',
	'service',
	'ppid',
	'pgrp',
	'session',
	'tty',
	'start',
	'io_read_rate',
	'io_write_rate',
	'swap',
	'voluntary_switches',
	'involuntary_switches',
	'open_fds',
	'cgroup',
	'oom_score',
	'shared',
	'processor',
];

export const SORT_KEYS: readonly FieldSort[] = SORT_ORDER.map(id => FIELDS.find(field => field.sort?.id === id)!.sort!);

export const COLUMNS: readonly FieldColumn[] = FIELDS.flatMap(field => (field.column ? [field.column] : []));

export const JSON_FIELDS: readonly FieldJson[] = FIELDS.flatMap(field => (field.json ? [field.json] : []));

/** The README's table of a process in --json, from the same entries (a test checks the README). */
export function jsonFieldsMarkdown(): string {
	const rows = JSON_FIELDS.map(field => `| \`processes[].${field.name}\` | ${field.type} | ${field.meaning} |`);
	return ['| field | type | meaning |', '|---|---|---|', ...rows].join('\n');
}
