// Whose resources (swap, context switches, storage bytes, open fds) to read on this tick, so that
// the exporter's extra series cost a bounded number of file reads per tick instead of four per
// process (process-exporter's per-scrape cost: minutes at thousands of processes, its #188).
// New processes and those that used CPU since their last read come first (only a process that
// runs can switch, read or write), busiest first, up to `activePerTick`; then a rotation of the
// least recently read, so every process is re-read at least once every `refreshTicks` ticks and
// idle ones' fd counts and swap (which changes without the process running) stay current.
// The fd limit is read once per identity.
// Pure: the reader is given (platform/linux/resources.ts reads /proc).

import {noPause, type Pause, YIELD_EVERY} from '../sampling/yield.js';
import type {ProcessResources, ProcessSample} from '../types.js';

/**
 * Resource reads between two pauses. Each is several files (status, io, the fd directory): the
 * first tick reads everyone (at 10,000 processes ~0.8 s), a later one a few hundred (~17 ms),
 * and without pauses a key pressed meanwhile waited for all of it.
 */
const READS_BETWEEN_PAUSES = 100;

export type ReadResources = (pid: number, withLimit: boolean) => ProcessResources;

export type ResourceTrackerOptions = {refreshTicks?: number; activePerTick?: number};

/** One identity: its latest resources, its CPU ticks when they were read, that tick, and the last tick that saw it. */
type Entry = {resources: ProcessResources; cpuTicks: number; tick: number; seen: number; process: ProcessSample};

export function createResourceTracker(read: ReadResources, options: ResourceTrackerOptions = {}) {
	const refreshTicks = options.refreshTicks ?? 60;
	const activePerTick = options.activePerTick ?? 256;
	// Kept across ticks and updated in place: maps rebuilt per tick at 10,000 processes were a
	// megabyte a tick of garbage old enough to be promoted.
	const entries = new Map<string, Entry>();
	/** Every live process's latest resources by key: what update() returns (valid until the next update). */
	const latest = new Map<string, ProcessResources>();
	let tick = 0;

	/**
	 * Reads whom this tick's budget allows; resolves to every live process's latest resources by
	 * key. Calls `pause` between slices of the work; calls must not overlap.
	 */
	async function update(processes: readonly ProcessSample[], pause: Pause = noPause): Promise<ReadonlyMap<string, ProcessResources>> {
		tick++;
		const fresh: ProcessSample[] = [];
		const active: {entry: Entry; used: number}[] = [];
		const idle: Entry[] = [];
		// Indexed, not for…of: once a tick this stays unoptimised, where an array iterator allocates per step.
		for (let index = 0; index < processes.length; index++) {
			if (index > 0 && index % YIELD_EVERY === 0) await pause();
			const process = processes[index]!;
			const entry = entries.get(process.key);
			if (!entry) fresh.push(process);
			else {
				entry.seen = tick;
				entry.process = process;
				if (process.cpuTicks > entry.cpuTicks) active.push({entry, used: process.cpuTicks - entry.cpuTicks});
				else idle.push(entry);
			}
		}
		entries.forEach((entry, key) => {
			if (entry.seen === tick) return;
			entries.delete(key);
			latest.delete(key);
		});
		active.sort((a, b) => b.used - a.used);
		// The first tick reads everyone: the gauges (open fds, swap) are sums over a group, and a sum
		// over part of it would be wrong, not late. Later, new processes count as urgent.
		const urgent = [...fresh, ...active.map(item => item.entry.process)].slice(0, tick === 1 ? Number.POSITIVE_INFINITY : activePerTick);
		// Left over from the urgent list (beyond the cap) they wait in the rotation like the idle.
		const waiting = [...active.slice(Math.max(0, activePerTick - fresh.length)).map(item => item.entry), ...idle].sort((a, b) => a.tick - b.tick);
		const rotation = waiting.slice(0, Math.ceil(processes.length / refreshTicks)).map(entry => entry.process);
		let reads = 0;
		for (const process of [...urgent, ...rotation]) {
			if (++reads % READS_BETWEEN_PAUSES === 0) await pause();
			const known = entries.get(process.key);
			const resources = read(process.pid, !known);
			if (known && resources.fdLimit === undefined) resources.fdLimit = known.resources.fdLimit;
			if (known) {
				known.resources = resources;
				known.cpuTicks = process.cpuTicks;
				known.tick = tick;
			} else entries.set(process.key, {resources, cpuTicks: process.cpuTicks, tick, seen: tick, process});
			latest.set(process.key, resources);
		}
		return latest;
	}

	return {update};
}
