// The --json document: a stable, documented shape built from a Snapshot (pure).
// The README's "JSON schema" section describes exactly these fields.

import type {ProcessSample, Snapshot, SystemSample} from '../types.js';

export type JsonProcess = {
	pid: number;
	ppid: number;
	name: string;
	command: string;
	user: string;
	uid: number | null;
	state: string;
	cpuPercent: number | null;
	memoryPercent: number;
	residentBytes: number;
	virtualBytes: number;
	threads: number;
	nice: number;
	priority: number;
	startTime: string | null;
	cpuSeconds: number;
	isKernelThread: boolean;
	isOrphan: boolean;
};

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

function isoOrNull(ms: number): string | null {
	const date = new Date(ms);
	return Number.isFinite(date.getTime()) && ms > 0 ? date.toISOString() : null;
}

export function toJsonProcess(process: ProcessSample): JsonProcess {
	return {
		pid: process.pid,
		ppid: process.ppid,
		name: process.name,
		command: process.command,
		user: process.user,
		uid: process.uid ?? null,
		state: process.state,
		cpuPercent: process.cpuPercent === null ? null : round(process.cpuPercent),
		memoryPercent: round(process.memoryPercent),
		residentBytes: process.residentBytes,
		virtualBytes: process.virtualBytes,
		threads: process.threads,
		nice: process.nice,
		priority: process.priority,
		startTime: isoOrNull(process.startTimeMs),
		cpuSeconds: round(process.cpuSeconds),
		isKernelThread: process.isKernelThread,
		isOrphan: process.isOrphan,
	};
}

export function toJsonDocument(snapshot: Snapshot, system: SystemSample & {cpuPercentPerCore?: number[]}, processes: readonly ProcessSample[]): JsonDocument {
	return {
		takenAt: new Date(snapshot.takenAt).toISOString(),
		cpuKind: snapshot.cpuKind,
		system: {
			hostname: system.hostname,
			cores: snapshot.cores,
			cpuPercentPerCore: (snapshot.cpuPercentPerCore.length > 0 ? snapshot.cpuPercentPerCore : (system.cpuPercentPerCore ?? [])).map(value => round(value)),
			memory: system.memory,
			swap: system.swap,
			uptimeSeconds: round(system.uptimeSeconds),
			loadAverage: system.loadAverage.map(value => round(value)),
			tasks: snapshot.counts,
			limited: snapshot.limited,
			garbled: snapshot.garbled,
		},
		processes: processes.map(toJsonProcess),
	};
}
