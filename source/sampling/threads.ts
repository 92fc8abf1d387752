// Turns successive thread-table readings into samples shaped like processes, so the list can
// show them as rows: each thread's own CPU% (from its own tick deltas), state, priority and name,
// and its process's user, command, memory and labels (threads share them). A thread row's
// `threadOf` names its process, and its ppid is that process, so the tree puts it underneath.
// I/O: only through the `read` it is given (platform/linux/threads.ts) and the injected clock.

import type {ProcessSample, RawThread, Snapshot, ThreadOwner} from '../types.js';
import {processCpuPercent} from './cpu.js';
import {type Clock, NO_PORTS, systemClock} from './sampler.js';

export type ThreadSampler = {
	/** The threads of the snapshot's processes (`withLeaders`: each main thread too), as samples. */
	sample(snapshot: Snapshot, withLeaders: boolean): ProcessSample[];
	/** Drops the previous reading and the kept files (threads hidden): the next sample starts afresh. */
	forget(): void;
};

/** The process table's source gives the clock rate and boot time. */
export type ThreadTiming = {clockTicks: number; bootTimeMs: number; clock?: Clock};

export function createThreadSampler(
	reader: {read(owners: Iterable<ThreadOwner>, withLeaders: boolean): RawThread[]; release(): void},
	timing: ThreadTiming,
): ThreadSampler {
	const clock = timing.clock ?? systemClock;
	let previous = new Map<string, number>();
	let previousAt: number | undefined;
	return {
		sample(snapshot, withLeaders) {
			const owners = new Map<number, ProcessSample>();
			for (const process of snapshot.processes) if (process.threads > 1 && !process.isKernelThread) owners.set(process.pid, process);
			const raw = reader.read(owners.values(), withLeaders);
			const now = clock.monotonicMs();
			const elapsedMs = previousAt === undefined ? 0 : now - previousAt;
			const next = new Map<string, number>();
			const samples: ProcessSample[] = [];
			for (const thread of raw) {
				const owner = owners.get(thread.pid);
				if (!owner) continue;
				next.set(thread.key, thread.cpuTicks);
				samples.push({
					...owner,
					pid: thread.tid,
					ppid: owner.pid,
					state: thread.state,
					name: thread.name,
					cpuTicks: thread.cpuTicks,
					systemTicks: thread.systemTicks,
					priority: thread.priority,
					nice: thread.nice,
					startTicks: thread.startTicks,
					processor: thread.processor,
					key: thread.key,
					cpuPercent: processCpuPercent({
						previousTicks: previous.get(thread.key),
						ticks: thread.cpuTicks,
						elapsedMs,
						clockTicks: timing.clockTicks,
						// A thread runs on one CPU at a time: never more than 100 % (ticks and timers jitter).
						cores: 1,
					}),
					cpuSeconds: thread.cpuTicks / timing.clockTicks,
					startTimeMs: timing.bootTimeMs + (Number(thread.startTicks) / timing.clockTicks) * 1000,
					isOrphan: false,
					// What belongs to the process is said once, on its row: a thread holds no port of its own.
					ports: NO_PORTS,
					recentCpu: undefined,
					ioReadRate: undefined,
					ioWriteRate: undefined,
					ioUnreadable: undefined,
					oomScore: undefined,
					resources: undefined,
					threadOf: owner.pid,
				});
			}
			previous = next;
			previousAt = now;
			return samples;
		},
		forget() {
			previous = new Map();
			previousAt = undefined;
			reader.release();
		},
	};
}
