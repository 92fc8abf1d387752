// The SWAP, VCTX, NVCTX and FDS columns: a process's status (swap, context switches) and its fd
// count, read per tick only while one of those columns is shown (or asked for with --once), since
// that is three more reads per process; and the OOM column (/proc/<pid>/oom_score) and SHR
// (/proc/<pid>/statm), likewise.
// I/O: only through the readers it is given (the platform's); sets `resources` and `oomScore` on
// the samples it is handed.

import type {ProcessResources, ProcessSample} from '../types.js';

export const RESOURCE_COLUMNS = ['swap', 'voluntary_switches', 'involuntary_switches', 'open_fds'] as const;

/** Which reads the columns on screen need. */
export type ResourceReads = {resources: boolean; oomScore: boolean; shared: boolean};

export type ResourceColumns = {update(processes: readonly ProcessSample[], reads: ResourceReads): void};

export function createResourceColumns(
	read: ((pid: number, withLimit: boolean) => ProcessResources) | undefined,
	readOomScore: ((pid: number) => number | undefined) | undefined,
	readShared?: (pid: number) => number | undefined,
): ResourceColumns {
	return {
		update(processes, reads) {
			for (const process of processes) {
				if (process.isKernelThread) continue;
				if (reads.resources && read) process.resources = read(process.pid, false);
				// null: it could not be read (it exited between listing and reading).
				if (reads.oomScore && readOomScore) process.oomScore = readOomScore(process.pid) ?? null;
				if (reads.shared && readShared) process.sharedBytes = readShared(process.pid) ?? null;
			}
		},
	};
}

/** The reads these columns need (none: nothing is read). */
export function resourceReadsFor(columns: readonly string[] | undefined): ResourceReads {
	return {
		resources: columns?.some(id => (RESOURCE_COLUMNS as readonly string[]).includes(id)) ?? false,
		oomScore: columns?.includes('oom_score') ?? false,
		shared: columns?.includes('shared') ?? false,
	};
}
