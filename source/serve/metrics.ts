// The Prometheus text exposition of what proctop samples (pure). Per group (the APP label, or
// comm for exact process-exporter parity) the `namedprocess_namegroup_*` series that
// process-exporter's Grafana dashboards read, with counters that stay monotonic as processes come
// and go (a group's CPU seconds include its exited processes'); the top K processes by CPU and by
// memory as `proctop_process_*`; proctop's own `process_*` and `proctop_build_info`. A group whose
// processes all exited has no series. Label values are escaped; no command line or environment
// ever becomes a label.

import type {ProcessSample, Snapshot} from '../types.js';

export type GroupBy = 'app' | 'comm';

export type MetricsOptions = {groupBy: GroupBy; topK: number; clockTicks: number; version: string};

export type OwnUsage = {cpuSeconds: number; residentBytes: number; startTimeSeconds: number};

type GroupTotals = {userSeconds: number; systemSeconds: number};

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

export function createMetrics(options: MetricsOptions) {
	const {clockTicks} = options;
	/** Accumulated CPU per group, and each process's ticks as last counted. */
	const totals = new Map<string, GroupTotals>();
	let counted = new Map<string, {user: number; system: number}>();
	let latest: Snapshot | undefined;
	let dropped = 0;

	const groupOf = (process: ProcessSample) => (options.groupBy === 'app' ? process.app || process.name : process.name);

	/** Adds each process's CPU since it was last counted (all of it, the first time) to its group. */
	function update(snapshot: Snapshot): void {
		const next = new Map<string, {user: number; system: number}>();
		for (const process of snapshot.processes) {
			const user = process.cpuTicks - process.systemTicks;
			const system = process.systemTicks;
			const before = counted.get(process.key);
			const group = groupOf(process);
			const total = totals.get(group) ?? {userSeconds: 0, systemSeconds: 0};
			// Ticks never go back for one identity; if a source says so, count nothing rather than go down.
			total.userSeconds += Math.max(0, user - (before?.user ?? 0)) / clockTicks;
			total.systemSeconds += Math.max(0, system - (before?.system ?? 0)) / clockTicks;
			totals.set(group, total);
			next.set(process.key, {user, system});
		}
		counted = next;
		latest = snapshot;
	}

	/** The exposition: Prometheus text 0.0.4, or OpenMetrics 1.0 (counter families without `_total`, `# EOF`). */
	function render(own: OwnUsage, format: 'text' | 'openmetrics' = 'text'): string {
		const lines: string[] = [];
		const family = (name: string, type: 'gauge' | 'counter', help: string) => {
			const named = format === 'openmetrics' && type === 'counter' ? name.replace(/_total$/, '') : name;
			lines.push(`# HELP ${named} ${help}`, `# TYPE ${named} ${type}`);
		};
		const groups = new Map<string, ProcessSample[]>();
		for (const process of latest?.processes ?? []) {
			const group = groupOf(process);
			const members = groups.get(group);
			if (members) members.push(process);
			else groups.set(group, [process]);
		}
		const names = [...groups.keys()].sort();
		const each = (metric: string, value: (members: ProcessSample[], group: string) => number, extra = '') => {
			for (const group of names) lines.push(`${metric}{groupname="${escapeLabel(group)}"${extra}} ${number(value(groups.get(group)!, group))}`);
		};
		const sum = (members: ProcessSample[], field: (process: ProcessSample) => number) => members.reduce((total, process) => total + field(process), 0);

		family('namedprocess_namegroup_num_procs', 'gauge', 'number of processes in this group');
		each('namedprocess_namegroup_num_procs', members => members.length);
		family('namedprocess_namegroup_cpu_seconds_total', 'counter', 'CPU seconds used by this group, its exited processes included');
		each('namedprocess_namegroup_cpu_seconds_total', (_, group) => totals.get(group)?.userSeconds ?? 0, ',mode="user"');
		each('namedprocess_namegroup_cpu_seconds_total', (_, group) => totals.get(group)?.systemSeconds ?? 0, ',mode="system"');
		family('namedprocess_namegroup_memory_bytes', 'gauge', 'memory of this group by type');
		each('namedprocess_namegroup_memory_bytes', members => sum(members, process => process.residentBytes), ',memtype="resident"');
		each('namedprocess_namegroup_memory_bytes', members => sum(members, process => process.virtualBytes), ',memtype="virtual"');
		family('namedprocess_namegroup_num_threads', 'gauge', 'threads in this group');
		each('namedprocess_namegroup_num_threads', members => sum(members, process => process.threads));
		family('namedprocess_namegroup_states', 'gauge', 'processes in this group by state');
		for (const state of STATES)
			each('namedprocess_namegroup_states', members => members.filter(process => stateName(process.state) === state).length, `,state="${state}"`);
		family('namedprocess_namegroup_oldest_start_time_seconds', 'gauge', 'start time of the oldest process in this group, seconds since the epoch');
		each('namedprocess_namegroup_oldest_start_time_seconds', members => Math.min(...members.map(process => process.startTimeMs)) / 1000);

		renderTop(lines, family);
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
	function renderTop(lines: string[], family: (name: string, type: 'gauge' | 'counter', help: string) => void) {
		const processes = latest?.processes ?? [];
		const busiest = [...processes].sort((a, b) => (b.cpuPercent ?? -1) - (a.cpuPercent ?? -1)).slice(0, options.topK);
		const largest = [...processes].sort((a, b) => b.residentBytes - a.residentBytes).slice(0, options.topK);
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
