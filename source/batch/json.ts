// The --json document: a stable, documented shape built from a Snapshot (pure). A process's
// fields come from the field table (model/fields.ts), which also writes the README's table of them.

import {JSON_FIELDS} from '../model/fields.js';
import type {ProcessSample, Snapshot, SystemSample} from '../types.js';

/** One process in --json: the json entries of the field table (fields.ts), in its order. */
export type JsonProcess = Record<string, unknown>;

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

export function toJsonDocument(snapshot: Snapshot, system: SystemSample & {cpuPercentPerCore?: number[]}, processes: readonly ProcessSample[]): JsonDocument {
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
		processes: processes.map(toJsonProcess),
	};
}
