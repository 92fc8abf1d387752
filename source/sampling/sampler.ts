// Turns successive Source readings into Snapshots: CPU deltas keyed by identity (pid, starttime),
// MEM%, counts by state, and what appeared, exited or was reparented since the last tick.
// I/O: only through the injected Source and clock; keeps the previous tick in memory.
//
// Each identity owns two sample objects, written on alternate ticks. Why: a new object per process
// per tick lives across a tick (it is the next tick's "previous"), so V8 promotes every one of them
// to the old generation, whose garbage then piles up between full collections (at 5,000
// processes ~1 MB a tick). Two objects per identity, rewritten in place, keep the heap flat. The
// contract this gives consumers: a snapshot's process objects hold still until the tick after the
// next one starts (the tick being built never writes the last published snapshot's objects); an
// exited process's object is never written again.

import type {Changes, CpuTimes, Listener, ProcessSample, RawProcess, Snapshot, Source, StateCounts} from '../types.js';
import {coreBusyPercent, processCpuPercent} from './cpu.js';
import {YIELD_EVERY, yieldToEvents} from './yield.js';

export type Clock = {
	/** Monotonic milliseconds; does not jump with the wall clock. */
	monotonicMs(): number;
	/** Wall-clock ms since the epoch, for timestamps only. */
	wallMs(): number;
};

export const systemClock: Clock = {
	// process.hrtime, not performance.now(): the first touch of `performance` loads perf_hooks, ~2.5 ms
	// before the first frame.
	monotonicMs: () => {
		const [seconds, nanoseconds] = process.hrtime();
		return seconds * 1000 + nanoseconds / 1e6;
	},
	wallMs: () => Date.now(),
};

export type Sampler = {sample(): Promise<Snapshot>; readonly source: Source};

/** One identity's two sample objects: the one the last tick published, and the one the next tick rewrites. */
type Slot = {published: ProcessSample; spare: ProcessSample | undefined; tick: number};

/** The one empty port list every sample without ports shares (threads too). */
export const NO_PORTS: readonly Listener[] = Object.freeze([]);

export function identityKey(process: Pick<RawProcess, 'pid' | 'startTicks'>): string {
	return `${process.pid}:${process.startTicks}`;
}

export function countStates(processes: readonly RawProcess[]): StateCounts {
	const counts: StateCounts = {total: processes.length, running: 0, sleeping: 0, diskWait: 0, stopped: 0, zombie: 0, idle: 0, threads: 0, kernelThreads: 0};
	// Indexed, not for…of: a loop that runs once a tick stays unoptimised, and there each step of an
	// array iterator allocates its result (measured: megabytes a second at 10,000 processes).
	for (let index = 0; index < processes.length; index++) {
		const process = processes[index]!;
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

/** A blank sample with every field present, so that all samples share one shape. */
function newSample(): ProcessSample {
	return {
		pid: 0,
		ppid: 0,
		pgrp: 0,
		session: 0,
		tty: 0,
		flags: 0,
		state: 'S',
		name: '',
		command: '',
		uid: undefined,
		user: '',
		cpuTicks: 0,
		systemTicks: 0,
		priority: 0,
		nice: 0,
		threads: 0,
		startTicks: '',
		virtualBytes: 0,
		residentBytes: 0,
		isKernelThread: false,
		processor: undefined,
		key: '',
		cpuPercent: null,
		memoryPercent: 0,
		cpuSeconds: 0,
		startTimeMs: 0,
		isOrphan: false,
		app: '',
		service: '',
		ports: NO_PORTS,
		recentCpu: undefined,
		ioReadRate: undefined,
		ioWriteRate: undefined,
		ioUnreadable: undefined,
		cgroup: undefined,
		oomScore: undefined,
		sharedBytes: undefined,
		resources: undefined,
	};
}

/**
 * Gives the samples made from rows whose details were deferred (`Source.deferDetails`) what
 * `Source.fillDeferred` has since read: the command line and the owner, nothing else differs.
 * Returns the samples it completed.
 */
export function completeSamples(processes: readonly ProcessSample[], filled: readonly RawProcess[]): ProcessSample[] {
	const completed: ProcessSample[] = [];
	if (filled.length === 0) return completed;
	const byKey = new Map<string, RawProcess>();
	for (const row of filled) byKey.set(row.key ?? identityKey(row), row);
	for (const process of processes) {
		const row = byKey.get(process.key);
		if (!row) continue;
		process.command = row.command;
		process.uid = row.uid;
		process.user = row.user;
		completed.push(process);
	}
	return completed;
}

/**
 * Rewrites `target` as this tick's sample of `raw`. Every field, the later stages' too (labels,
 * ports, history, column reads): a reused object must not carry a value from two ticks ago.
 */
function writeSample(
	target: ProcessSample,
	raw: RawProcess,
	key: string,
	cpuPercent: number | null,
	memoryPercent: number,
	isOrphan: boolean,
	source: Source,
): void {
	target.pid = raw.pid;
	target.ppid = raw.ppid;
	target.pgrp = raw.pgrp;
	target.session = raw.session;
	target.tty = raw.tty;
	target.flags = raw.flags;
	target.state = raw.state;
	target.name = raw.name;
	target.command = raw.command;
	target.uid = raw.uid;
	target.user = raw.user;
	target.cpuTicks = raw.cpuTicks;
	target.systemTicks = raw.systemTicks;
	target.priority = raw.priority;
	target.nice = raw.nice;
	target.threads = raw.threads;
	target.startTicks = raw.startTicks;
	target.virtualBytes = raw.virtualBytes;
	target.residentBytes = raw.residentBytes;
	target.isKernelThread = raw.isKernelThread;
	target.processor = raw.processor;
	target.key = key;
	target.cpuPercent = cpuPercent;
	target.memoryPercent = memoryPercent;
	target.cpuSeconds = raw.cpuTicks / source.clockTicks;
	target.startTimeMs = source.bootTimeMs + (Number(raw.startTicks) / source.clockTicks) * 1000;
	target.isOrphan = isOrphan;
	// Filled in by the identify stage (identify/identifier.ts), cached per identity.
	target.app = '';
	target.service = '';
	target.ports = NO_PORTS;
	target.cgroup = undefined;
	// Set by the history stage and the column reads while their columns show.
	target.recentCpu = undefined;
	target.ioReadRate = undefined;
	target.ioWriteRate = undefined;
	target.ioUnreadable = undefined;
	target.oomScore = undefined;
	target.sharedBytes = undefined;
	target.resources = undefined;
}

export function createSampler(options: {source: Source; clock?: Clock; cores: number}): Sampler {
	const {source, cores} = options;
	const clock = options.clock ?? systemClock;
	// Every identity seen on the last tick, with its two sample objects (see the header).
	const slots = new Map<string, Slot>();
	let tick = 0;
	let previousCpus: CpuTimes[] | undefined;
	let previousAt: number | undefined;

	async function sample(): Promise<Snapshot> {
		const table = await source.read();
		const now = clock.monotonicMs();
		const elapsedMs = previousAt === undefined ? 0 : now - previousAt;
		const memoryTotal = table.memoryTotalBytes ?? 0;
		const first = tick === 0;
		tick++;
		const changes: Changes = {appeared: [], exited: [], reparented: []};
		const processes: ProcessSample[] = [];
		// The table read itself yields as it goes; turning it into samples takes its turns too.
		await yieldToEvents();
		let sinceYield = 0;

		const rows = table.processes;
		// Indexed: see countStates.
		for (let index = 0; index < rows.length; index++) {
			const raw = rows[index]!;
			if (++sinceYield === YIELD_EVERY) {
				sinceYield = 0;
				await yieldToEvents();
			}
			const key = raw.key ?? identityKey(raw);
			const slot = slots.get(key);
			// Two rows with the same identity cannot both be real (a garbled source): keep the first.
			if (slot?.tick === tick) continue;
			// Every slot left from the last tick was seen on it (the others are dropped below).
			const before = slot?.published;
			if (!before && !first) changes.appeared.push(key);
			if (before && before.ppid !== raw.ppid) changes.reparented.push(key);
			// Reparenting is remembered for the identity's lifetime (its last sample carries it), not just the tick it happened.
			const isOrphan = before !== undefined && (before.isOrphan || before.ppid !== raw.ppid);
			const cpuPercent =
				source.cpuKind === 'reported'
					? (raw.reportedCpuPercent ?? null)
					: processCpuPercent({previousTicks: before?.cpuTicks, ticks: raw.cpuTicks, elapsedMs, clockTicks: source.clockTicks, cores});
			const memoryPercent = raw.reportedMemoryPercent ?? (memoryTotal > 0 ? Math.min(100, (raw.residentBytes / memoryTotal) * 100) : 0);
			const target = slot?.spare ?? newSample();
			writeSample(target, raw, key, cpuPercent, memoryPercent, isOrphan, source);
			if (slot) {
				slot.spare = before;
				slot.published = target;
				slot.tick = tick;
			} else slots.set(key, {published: target, spare: undefined, tick});
			processes.push(target);
		}
		// forEach, not for…of: the entries iterator allocates a [key, value] pair per identity per tick.
		slots.forEach((slot, key) => {
			if (slot.tick === tick) return;
			const gone = slot.published;
			changes.exited.push({key, pid: gone.pid, name: gone.name, command: gone.command});
			slots.delete(key);
		});

		const cpuPercentPerCore = table.cpus ? table.cpus.map((times, index) => coreBusyPercent(previousCpus?.[index], times)) : [];
		previousCpus = table.cpus;
		previousAt = now;
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
