// Whose resources (swap, context switches, storage bytes, open fds) to read on this tick, so that
// the exporter's extra series cost a bounded number of file reads per tick instead of four per
// process (process-exporter's per-scrape cost: minutes at thousands of processes, its #188).
// New processes and those that used CPU since their last read come first (only a process that
// runs can switch, read or write), busiest first, up to `activePerTick`; then a rotation of the
// least recently read, so every process is re-read at least once every `refreshTicks` ticks and
// idle ones' fd counts and swap (which changes without the process running) stay current.
// The fd limit is read once per identity.
// Pure: the reader is given (platform/linux/resources.ts reads /proc).

import type {ProcessResources, ProcessSample} from '../types.js';

export type ReadResources = (pid: number, withLimit: boolean) => ProcessResources;

export type ResourceTrackerOptions = {refreshTicks?: number; activePerTick?: number};

type Entry = {resources: ProcessResources; cpuTicks: number; tick: number};

export function createResourceTracker(read: ReadResources, options: ResourceTrackerOptions = {}) {
	const refreshTicks = options.refreshTicks ?? 60;
	const activePerTick = options.activePerTick ?? 256;
	let entries = new Map<string, Entry>();
	let tick = 0;

	/** Reads whom this tick's budget allows; returns every live process's latest resources by key. */
	function update(processes: readonly ProcessSample[]): Map<string, ProcessResources> {
		tick++;
		const next = new Map<string, Entry>();
		const fresh: ProcessSample[] = [];
		const active: {process: ProcessSample; used: number}[] = [];
		const idle: ProcessSample[] = [];
		for (const process of processes) {
			const entry = entries.get(process.key);
			if (!entry) fresh.push(process);
			else {
				next.set(process.key, entry);
				if (process.cpuTicks > entry.cpuTicks) active.push({process, used: process.cpuTicks - entry.cpuTicks});
				else idle.push(process);
			}
		}
		active.sort((a, b) => b.used - a.used);
		// The first tick reads everyone: the gauges (open fds, swap) are sums over a group, and a sum
		// over part of it would be wrong, not late. Later, new processes count as urgent.
		const urgent = [...fresh, ...active.map(item => item.process)].slice(0, tick === 1 ? Number.POSITIVE_INFINITY : activePerTick);
		// Left over from the urgent list (beyond the cap) they wait in the rotation like the idle.
		const waiting = [...active.slice(Math.max(0, activePerTick - fresh.length)).map(item => item.process), ...idle]
			.filter(process => next.has(process.key))
			.sort((a, b) => next.get(a.key)!.tick - next.get(b.key)!.tick);
		const rotation = waiting.slice(0, Math.ceil(processes.length / refreshTicks));
		for (const process of [...urgent, ...rotation]) {
			const known = next.get(process.key);
			const resources = read(process.pid, !known);
			if (known && resources.fdLimit === undefined) resources.fdLimit = known.resources.fdLimit;
			next.set(process.key, {resources, cpuTicks: process.cpuTicks, tick});
		}
		entries = next;
		const byKey = new Map<string, ProcessResources>();
		for (const [key, entry] of entries) byKey.set(key, entry.resources);
		return byKey;
	}

	return {update};
}
