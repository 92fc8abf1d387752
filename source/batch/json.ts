// The --json document: a stable, documented shape built from a Snapshot (pure). A process's
// fields come from the field table (model/fields.ts), which also writes the README's table of them.

import {JSON_FIELDS} from '../model/fields.js';
import type {ProcessSample, Snapshot, SystemSample} from '../types.js';

/** One process in --json: the json entries of the field table (fields.ts), in its order. */
export type JsonProcess = Record<string, unknown>;

/** One thread in --json --threads (`threadList`): the main thread (tid = pid) first. */
export type JsonThread = {tid: number; name: string; state: string; cpuPercent: number | null; cpuSeconds: number; priority: number; nice: number};

export type JsonDocument = {
	takenAt: string;
	cpuKind: Snapshot['cpuKind'];
	system: {
		hostname: string;
		cores: number;
		cpuPercentPerCore: number[];
		memory: SystemSample['memory'];
		swap: SystemSample['swap'];
		uptimeSeconds: number;
		loadAverage: number[];
		tasks: Snapshot['counts'];
		limited: boolean;
		garbled: number;
	};
	processes: JsonProcess[];
};

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function toJsonProcess(process: ProcessSample): JsonProcess {
	const document: JsonProcess = {};
	for (const field of JSON_FIELDS) document[field.name] = field.value(process);
	return document;
}

const toJsonThread = (thread: ProcessSample): JsonThread => ({
	tid: thread.pid,
	name: thread.name,
	state: thread.state,
	cpuPercent: thread.cpuPercent === null ? null : round(thread.cpuPercent),
	cpuSeconds: round(thread.cpuSeconds),
	priority: thread.priority,
	nice: thread.nice,
});

/**
 * With --threads: each process's threads (its main thread first, then by tid). A process read
 * with one thread is its own main thread; one whose threads could not be listed (it exited
 * meanwhile) gets its own row alone.
 */
function withThreadLists(processes: JsonProcess[], sampled: readonly ProcessSample[], threads: readonly ProcessSample[]): JsonProcess[] {
	const byOwner = new Map<number, ProcessSample[]>();
	for (const thread of threads) {
		const list = byOwner.get(thread.threadOf!);
		if (list) list.push(thread);
		else byOwner.set(thread.threadOf!, [thread]);
	}
	return processes.map((document, index) => {
		const process = sampled[index]!;
		const own = byOwner.get(process.pid)?.sort((a, b) => (a.pid === process.pid ? -1 : b.pid === process.pid ? 1 : a.pid - b.pid));
		return {...document, threadList: (own && own.length > 0 ? own : [process]).map(toJsonThread)};
	});
}

export function toJsonDocument(
	snapshot: Snapshot,
	system: SystemSample & {cpuPercentPerCore?: number[]},
	processes: readonly ProcessSample[],
	threads?: readonly ProcessSample[],
): JsonDocument {
	const documents = processes.map(toJsonProcess);
	return {
		takenAt: new Date(snapshot.takenAt).toISOString(),
		cpuKind: snapshot.cpuKind,
		system: {
			hostname: system.hostname,
			cores: snapshot.cores,
			cpuPercentPerCore: (snapshot.cpuPercentPerCore.length > 0 ? snapshot.cpuPercentPerCore : (system.cpuPercentPerCore ?? [])).map(value => round(value)),
			memory: {totalBytes: system.memory.totalBytes, usedBytes: system.memory.usedBytes, availableBytes: system.memory.availableBytes},
			swap: system.swap,
			uptimeSeconds: round(system.uptimeSeconds),
			loadAverage: system.loadAverage.map(value => round(value)),
			tasks: snapshot.counts,
			limited: snapshot.limited,
			garbled: snapshot.garbled,
		},
		processes: threads ? withThreadLists(documents, processes, threads) : documents,
	};
}
