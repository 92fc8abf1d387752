// The Prometheus text exposition of what proctop samples (pure). Per group (the APP label, or
// comm for exact process-exporter parity) the `namedprocess_namegroup_*` series that
// process-exporter's Grafana dashboards read, with counters that start at 0 and stay monotonic as
// processes come and go (a group's CPU seconds include its exited processes'); the top K processes by CPU and by
// memory as `proctop_process_*`; proctop's own `process_*` and `proctop_build_info`. A group whose
// processes all exited has no series. Label values are escaped; no command line or environment
// ever becomes a label.

import {noPause, type Pause, YIELD_EVERY} from '../sampling/yield.js';
import type {ProcessResources, ProcessSample, Snapshot} from '../types.js';

export type GroupBy = 'app' | 'comm';

export type MetricsOptions = {groupBy: GroupBy; topK: number; clockTicks: number; version: string};

export type OwnUsage = {cpuSeconds: number; residentBytes: number; startTimeSeconds: number};

/** The counters a group accumulates; a resource counter is absent until some member's was readable. */
type GroupTotals = {userSeconds: number; systemSeconds: number} & Partial<Record<ResourceCounter, number>>;

/** Counters of ProcessResources that only grow for one identity. */
const RESOURCE_COUNTERS = ['readBytes', 'writeBytes', 'voluntarySwitches', 'involuntarySwitches'] as const;
type ResourceCounter = (typeof RESOURCE_COUNTERS)[number];
/** A process's counters as last counted; `atStart`: it ran when proctop started, so the first reading of a counter is its baseline. */
type Counted = {user: number; system: number; atStart: boolean; seen: number} & Partial<Record<ResourceCounter, number>>;

/** process-exporter's state names. */
function stateName(state: string): 'Running' | 'Sleeping' | 'Waiting' | 'Zombie' | 'Other' {
	if (state === 'R') return 'Running';
	if (state === 'S' || state === 'I') return 'Sleeping';
	if (state === 'D') return 'Waiting';
	if (state === 'Z') return 'Zombie';
	return 'Other';
}
const STATES = ['Running', 'Sleeping', 'Waiting', 'Zombie', 'Other'] as const;

/** A label value as the text format requires: backslash, double quote and newline escaped. */
export function escapeLabel(value: string): string {
	return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

const number = (value: number) => (Number.isFinite(value) ? String(Math.round(value * 1e6) / 1e6) : 'NaN');

/** What the per-group series say about one group's live processes, gathered in one pass. */
type GroupFigures = {
	count: number;
	residentBytes: number;
	virtualBytes: number;
	threads: number;
	/** Processes per state, in STATES order. */
	states: number[];
	oldestStartMs: number;
	/** The figures only some processes let us read: absent while none of the group's was read. */
	swapBytes?: number;
	openFds?: number;
	worstFdRatio?: number;
};

/**
 * Each group's figures, in one pass over the table, with `pause` between slices: at 10,000
 * processes a pass per series (and a filter per state) held the event loop ~50 ms per scrape on a
 * 2-core machine, which a key press then waited out.
 */
async function groupFigures(
	processes: readonly ProcessSample[],
	groupOf: (process: ProcessSample) => string,
	held: ReadonlyMap<string, ProcessResources>,
	pause: Pause,
): Promise<Map<string, GroupFigures>> {
	const groups = new Map<string, GroupFigures>();
	for (let index = 0; index < processes.length; index++) {
		// A scrape comes every few seconds, so this runs unoptimised: ~15 ms at 10,000 processes in one piece.
		if (index > 0 && index % YIELD_EVERY === 0) await pause();
		const process = processes[index]!;
		const group = groupOf(process);
		let figures = groups.get(group);
		if (!figures) {
			figures = {count: 0, residentBytes: 0, virtualBytes: 0, threads: 0, states: STATES.map(() => 0), oldestStartMs: Number.POSITIVE_INFINITY};
			groups.set(group, figures);
		}
		figures.count++;
		figures.residentBytes += process.residentBytes;
		figures.virtualBytes += process.virtualBytes;
		figures.threads += process.threads;
		figures.states[STATES.indexOf(stateName(process.state))]!++;
		figures.oldestStartMs = Math.min(figures.oldestStartMs, process.startTimeMs);
		const used = held.get(process.key);
		if (!used) continue;
		if (used.swapBytes !== undefined) figures.swapBytes = (figures.swapBytes ?? 0) + used.swapBytes;
		if (used.openFds !== undefined) figures.openFds = (figures.openFds ?? 0) + used.openFds;
		if (used.openFds !== undefined && used.fdLimit) figures.worstFdRatio = Math.max(figures.worstFdRatio ?? 0, used.openFds / used.fdLimit);
	}
	return groups;
}

/**
 * The first `count` of the processes sorted by `score`, highest first, ties in table order (what a
 * stable sort then slice gives), without sorting the whole table: one pass, `count` kept.
 */
export function highest(processes: readonly ProcessSample[], count: number, score: (process: ProcessSample) => number): ProcessSample[] {
	const kept: ProcessSample[] = [];
	const scores: number[] = [];
	if (count <= 0) return kept;
	for (const process of processes) {
		const value = score(process);
		if (kept.length === count && value <= scores[count - 1]!) continue;
		// After every kept one that scores as high: an equal later process stays behind the earlier.
		let at = kept.length;
		while (at > 0 && scores[at - 1]! < value) at--;
		kept.splice(at, 0, process);
		scores.splice(at, 0, value);
		if (kept.length > count) {
			kept.pop();
			scores.pop();
		}
	}
	return kept;
}

export function createMetrics(options: MetricsOptions) {
	const {clockTicks} = options;
	/** Accumulated CPU per group, and each process's ticks as last counted. */
	const totals = new Map<string, GroupTotals>();
	const counted = new Map<string, Counted>();
	let updates = 0;
	/** Each live process's latest resources, for the gauges (swap, open fds). */
	const held = new Map<string, ProcessResources>();
	let latest: Snapshot | undefined;
	let dropped = 0;

	const groupOf = (process: ProcessSample) => (options.groupBy === 'app' ? process.app || process.name : process.name);

	/**
	 * Adds each process's CPU (and, when resources are given, its storage bytes and context
	 * switches) since it was last counted to its group. As process-exporter does, what the
	 * processes running at start-up used before it is the baseline (every group starts at 0, so a
	 * restart reads to Prometheus as a counter reset, not as a burst), and a process that starts
	 * later counts from its first tick. A counter that goes back for one identity counts nothing
	 * rather than make the group's go down. Each identity's record is updated in place (a new one
	 * per process per tick outlived the tick: old-generation garbage at thousands of processes).
	 * Calls `pause` between slices (at 10,000 processes the whole took ~14 ms); a scrape answered
	 * in a pause sees part of this tick's use added and the rest at the next scrape: the counters
	 * never go back. Calls must not overlap.
	 */
	async function update(snapshot: Snapshot, resources?: ReadonlyMap<string, ProcessResources>, pause: Pause = noPause): Promise<void> {
		const tick = ++updates;
		const baseline = latest === undefined;
		const {processes} = snapshot;
		// Indexed, not for…of: once a tick this stays unoptimised, where an array iterator allocates per step.
		for (let index = 0; index < processes.length; index++) {
			if (index > 0 && index % YIELD_EVERY === 0) await pause();
			const process = processes[index]!;
			const entry = counted.get(process.key);
			// Twice in one table (a garbled source): the first counts.
			if (entry?.seen === tick) continue;
			const used = resources?.get(process.key);
			const user = process.cpuTicks - process.systemTicks;
			const system = process.systemTicks;
			const group = groupOf(process);
			let total = totals.get(group);
			if (!total) {
				total = {userSeconds: 0, systemSeconds: 0};
				totals.set(group, total);
			}
			// First seen at start-up, what it had used is the baseline; first seen later, it counts from 0.
			const atStart = entry ? entry.atStart : baseline;
			const record: Counted = entry ?? {user: baseline ? user : 0, system: baseline ? system : 0, atStart, seen: tick};
			total.userSeconds += Math.max(0, user - record.user) / clockTicks;
			total.systemSeconds += Math.max(0, system - record.system) / clockTicks;
			for (const counter of RESOURCE_COUNTERS) {
				const value = used?.[counter] ?? record[counter];
				if (value === undefined) continue;
				// Not read at start-up (the tracker reads a few hundred per tick): its first reading is the baseline.
				const from = record[counter] ?? (atStart ? value : 0);
				total[counter] = (total[counter] ?? 0) + Math.max(0, value - from);
				record[counter] = value;
			}
			record.user = user;
			record.system = system;
			record.seen = tick;
			if (!entry) counted.set(process.key, record);
			if (used) held.set(process.key, used);
		}
		// forEach: no [key, value] pair allocated per process per tick, as for…of would.
		// An exited identity's resources go with its counters (held only ever has counted keys).
		counted.forEach((entry, key) => {
			if (entry.seen === tick) return;
			counted.delete(key);
			held.delete(key);
		});
		latest = snapshot;
	}

	/**
	 * The exposition: Prometheus text 0.0.4, or OpenMetrics 1.0 (counter families without `_total`,
	 * `# EOF`). Calls `pause` between slices of the table; the processes it reads hold still that
	 * long (the sample contract), and the counters are read after the pass.
	 */
	async function render(own: OwnUsage, format: 'text' | 'openmetrics' = 'text', pause: Pause = noPause): Promise<string> {
		const lines: string[] = [];
		const family = (name: string, type: 'gauge' | 'counter', help: string) => {
			const named = format === 'openmetrics' && type === 'counter' ? name.replace(/_total$/, '') : name;
			lines.push(`# HELP ${named} ${help}`, `# TYPE ${named} ${type}`);
		};
		// The tick as the scrape began: an update during a pause must not put a later tick's processes in the top K.
		const processes = latest?.processes ?? [];
		const groups = await groupFigures(processes, groupOf, held, pause);
		const names = [...groups.keys()].sort();
		// Each group's label escaped once, not once per series.
		const labelOf = new Map(names.map(group => [group, escapeLabel(group)]));
		const each = (metric: string, value: (figures: GroupFigures, group: string) => number, extra = '') => {
			for (const group of names) lines.push(`${metric}{groupname="${labelOf.get(group)}"${extra}} ${number(value(groups.get(group)!, group))}`);
		};
		/** Like each(), for figures not every process lets us read: a group none of whose are known has no sample. */
		const known = (metric: string, value: (figures: GroupFigures, group: string) => number | undefined, extra = '') => {
			for (const group of names) {
				const figure = value(groups.get(group)!, group);
				if (figure !== undefined) lines.push(`${metric}{groupname="${labelOf.get(group)}"${extra}} ${number(figure)}`);
			}
		};

		family('namedprocess_namegroup_num_procs', 'gauge', 'number of processes in this group');
		each('namedprocess_namegroup_num_procs', figures => figures.count);
		family('namedprocess_namegroup_cpu_seconds_total', 'counter', 'CPU seconds used by this group, its exited processes included');
		each('namedprocess_namegroup_cpu_seconds_total', (_, group) => totals.get(group)?.userSeconds ?? 0, ',mode="user"');
		each('namedprocess_namegroup_cpu_seconds_total', (_, group) => totals.get(group)?.systemSeconds ?? 0, ',mode="system"');
		family('namedprocess_namegroup_memory_bytes', 'gauge', 'memory of this group by type');
		each('namedprocess_namegroup_memory_bytes', figures => figures.residentBytes, ',memtype="resident"');
		each('namedprocess_namegroup_memory_bytes', figures => figures.virtualBytes, ',memtype="virtual"');
		known('namedprocess_namegroup_memory_bytes', figures => figures.swapBytes, ',memtype="swapped"');
		family('namedprocess_namegroup_num_threads', 'gauge', 'threads in this group');
		each('namedprocess_namegroup_num_threads', figures => figures.threads);
		family('namedprocess_namegroup_states', 'gauge', 'processes in this group by state');
		for (const [index, state] of STATES.entries()) each('namedprocess_namegroup_states', figures => figures.states[index]!, `,state="${state}"`);
		family('namedprocess_namegroup_oldest_start_time_seconds', 'gauge', 'start time of the oldest process in this group, seconds since the epoch');
		each('namedprocess_namegroup_oldest_start_time_seconds', figures => figures.oldestStartMs / 1000);

		family('namedprocess_namegroup_open_filedesc', 'gauge', 'open file descriptors of the processes in this group that may be read');
		known('namedprocess_namegroup_open_filedesc', figures => figures.openFds);
		family('namedprocess_namegroup_worst_fd_ratio', 'gauge', 'the highest open fds / soft limit among this group');
		known('namedprocess_namegroup_worst_fd_ratio', figures => figures.worstFdRatio);
		const counter = (name: ResourceCounter) => (_: GroupFigures, group: string) => totals.get(group)?.[name];
		family('namedprocess_namegroup_read_bytes_total', 'counter', 'bytes this group made the kernel fetch from storage, its exited processes included');
		known('namedprocess_namegroup_read_bytes_total', counter('readBytes'));
		family('namedprocess_namegroup_write_bytes_total', 'counter', 'bytes this group sent to storage, its exited processes included');
		known('namedprocess_namegroup_write_bytes_total', counter('writeBytes'));
		family('namedprocess_namegroup_context_switches_total', 'counter', 'context switches of this group, its exited processes included');
		known('namedprocess_namegroup_context_switches_total', counter('voluntarySwitches'), ',ctxswitchtype="voluntary"');
		known('namedprocess_namegroup_context_switches_total', counter('involuntarySwitches'), ',ctxswitchtype="nonvoluntary"');
		renderTop(processes, lines, family);
		family('process_cpu_seconds_total', 'counter', "proctop's own CPU time in seconds");
		lines.push(`process_cpu_seconds_total ${number(own.cpuSeconds)}`);
		family('process_resident_memory_bytes', 'gauge', "proctop's own resident memory");
		lines.push(`process_resident_memory_bytes ${number(own.residentBytes)}`);
		family('process_start_time_seconds', 'gauge', 'when proctop started, seconds since the epoch');
		lines.push(`process_start_time_seconds ${number(own.startTimeSeconds)}`);
		family('proctop_build_info', 'gauge', 'proctop version (always 1)');
		lines.push(`proctop_build_info{version="${escapeLabel(options.version)}"} 1`);
		if (format === 'openmetrics') lines.push('# EOF');
		return `${lines.join('\n')}\n`;
	}

	/** The K busiest and the K largest processes, each once; the rest counted as left out. */
	function renderTop(processes: readonly ProcessSample[], lines: string[], family: (name: string, type: 'gauge' | 'counter', help: string) => void) {
		const busiest = highest(processes, options.topK, process => process.cpuPercent ?? -1);
		const largest = highest(processes, options.topK, process => process.residentBytes);
		const top = [...new Set([...busiest, ...largest])];
		dropped += processes.length - top.length;
		const labels = (process: ProcessSample) => `pid="${process.pid}",name="${escapeLabel(process.name)}",app="${escapeLabel(process.app)}"`;
		family(
			'proctop_process_cpu_percent',
			'gauge',
			`% of one core over the last interval, for the ${options.topK} busiest and ${options.topK} largest processes`,
		);
		for (const process of top) lines.push(`proctop_process_cpu_percent{${labels(process)}} ${number(process.cpuPercent ?? 0)}`);
		family('proctop_process_resident_memory_bytes', 'gauge', 'resident memory of the same processes');
		for (const process of top) lines.push(`proctop_process_resident_memory_bytes{${labels(process)}} ${number(process.residentBytes)}`);
		family('proctop_process_series_dropped_total', 'counter', 'processes left out of proctop_process_* by --serve-top, summed over scrapes');
		lines.push(`proctop_process_series_dropped_total ${dropped}`);
	}

	return {update, render, latest: () => latest};
}
