// Turns successive Source readings into Snapshots: CPU deltas keyed by identity (pid, starttime),
// MEM%, counts by state, and what appeared, exited or was reparented since the last tick.
// I/O: only through the injected Source and clock; keeps the previous tick in memory.

import type {Changes, CpuTimes, Listener, ProcessSample, RawProcess, Snapshot, Source, StateCounts} from '../types.js';
import {coreBusyPercent, processCpuPercent} from './cpu.js';
import {YIELD_EVERY, yieldToEvents} from './yield.js';

export type Clock = {
	/** Monotonic milliseconds (performance.now()); does not jump with the wall clock. */
	monotonicMs(): number;
	/** Wall-clock ms since the epoch, for timestamps only. */
	wallMs(): number;
};

export const systemClock: Clock = {monotonicMs: () => performance.now(), wallMs: () => Date.now()};

export type Sampler = {sample(): Promise<Snapshot>; readonly source: Source};

/** The one empty port list every sample without ports shares (threads too). */
export const NO_PORTS: readonly Listener[] = Object.freeze([]);

export function identityKey(process: Pick<RawProcess, 'pid' | 'startTicks'>): string {
	return `${process.pid}:${process.startTicks}`;
}

export function countStates(processes: readonly RawProcess[]): StateCounts {
	const counts: StateCounts = {total: processes.length, running: 0, sleeping: 0, diskWait: 0, stopped: 0, zombie: 0, idle: 0, threads: 0, kernelThreads: 0};
	for (const process of processes) {
		counts.threads += process.threads;
		if (process.isKernelThread) counts.kernelThreads++;
		switch (process.state) {
			case 'R':
				counts.running++;
				break;
			case 'S':
				counts.sleeping++;
				break;
			case 'D':
				counts.diskWait++;
				break;
			case 'T':
			case 't':
				counts.stopped++;
				break;
			case 'Z':
				counts.zombie++;
				break;
			case 'I':
				counts.idle++;
				break;
			default:
				break;
		}
	}
	return counts;
}

export function createSampler(options: {source: Source; clock?: Clock; cores: number}): Sampler {
	const {source, cores} = options;
	const clock = options.clock ?? systemClock;
	// The previous tick's samples by identity (what deltas, exits and reparenting are judged against).
	let previous = new Map<string, ProcessSample>();
	let previousCpus: CpuTimes[] | undefined;
	let previousAt: number | undefined;
	// Reparenting is remembered for the identity's lifetime, not just the tick it happened.
	let orphans = new Set<string>();
	let first = true;

	async function sample(): Promise<Snapshot> {
		const table = await source.read();
		const now = clock.monotonicMs();
		const elapsedMs = previousAt === undefined ? 0 : now - previousAt;
		const memoryTotal = table.memoryTotalBytes ?? 0;
		const next = new Map<string, ProcessSample>();
		const nextOrphans = new Set<string>();
		const changes: Changes = {appeared: [], exited: [], reparented: []};
		const processes: ProcessSample[] = [];
		// The table read itself yields as it goes; turning it into samples takes its turns too.
		await yieldToEvents();
		let sinceYield = 0;

		for (const raw of table.processes) {
			if (++sinceYield === YIELD_EVERY) {
				sinceYield = 0;
				await yieldToEvents();
			}
			const key = raw.key ?? identityKey(raw);
			// Two rows with the same identity cannot both be real (a garbled source): keep the first.
			if (next.has(key)) continue;
			const before = previous.get(key);
			if (!before && !first) changes.appeared.push(key);
			if (before && before.ppid !== raw.ppid) changes.reparented.push(key);
			const isOrphan = orphans.has(key) || (before !== undefined && before.ppid !== raw.ppid);
			if (isOrphan) nextOrphans.add(key);
			const cpuPercent =
				source.cpuKind === 'reported'
					? (raw.reportedCpuPercent ?? null)
					: processCpuPercent({previousTicks: before?.cpuTicks, ticks: raw.cpuTicks, elapsedMs, clockTicks: source.clockTicks, cores});
			const memoryPercent = raw.reportedMemoryPercent ?? (memoryTotal > 0 ? Math.min(100, (raw.residentBytes / memoryTotal) * 100) : 0);
			// Every field spelled out (no spread): one monomorphic object per process per tick.
			const sample: ProcessSample = {
				pid: raw.pid,
				ppid: raw.ppid,
				pgrp: raw.pgrp,
				session: raw.session,
				tty: raw.tty,
				flags: raw.flags,
				state: raw.state,
				name: raw.name,
				command: raw.command,
				uid: raw.uid,
				user: raw.user,
				cpuTicks: raw.cpuTicks,
				systemTicks: raw.systemTicks,
				priority: raw.priority,
				nice: raw.nice,
				threads: raw.threads,
				startTicks: raw.startTicks,
				virtualBytes: raw.virtualBytes,
				residentBytes: raw.residentBytes,
				isKernelThread: raw.isKernelThread,
				processor: raw.processor,
				key,
				cpuPercent,
				memoryPercent,
				cpuSeconds: raw.cpuTicks / source.clockTicks,
				startTimeMs: source.bootTimeMs + (Number(raw.startTicks) / source.clockTicks) * 1000,
				isOrphan,
				// Filled in by the identify stage (identify/identifier.ts), cached per identity.
				app: '',
				service: '',
				ports: NO_PORTS,
				// Set by the history stage; spelled out here so every sample keeps one shape.
				recentCpu: undefined,
			};
			processes.push(sample);
			next.set(key, sample);
		}
		for (const [key, gone] of previous) {
			if (!next.has(key)) changes.exited.push({key, pid: gone.pid, name: gone.name, command: gone.command});
		}

		const cpuPercentPerCore = table.cpus ? table.cpus.map((times, index) => coreBusyPercent(previousCpus?.[index], times)) : [];
		previous = next;
		orphans = nextOrphans;
		previousCpus = table.cpus;
		previousAt = now;
		first = false;
		return {
			takenAt: clock.wallMs(),
			elapsedMs,
			cpuKind: source.cpuKind,
			processes,
			counts: countStates(table.processes),
			changes,
			garbled: table.garbled,
			limited: table.limited,
			unseenListeners: NO_PORTS,
			cpuPercentPerCore,
			cores,
		};
	}

	return {sample, source};
}
