// The SWAP, VCTX, NVCTX and FDS columns: a process's status (swap, context switches) and its fd
// count, read per tick only while one of those columns is shown (or asked for with --once), since
// that is three more reads per process. I/O: only through the `read` it is given (the platform's
// resource reader); sets `resources` on the samples it is handed.

import type {ProcessResources, ProcessSample} from '../types.js';

export const RESOURCE_COLUMNS = ['swap', 'voluntary_switches', 'involuntary_switches', 'open_fds'] as const;

export type ResourceColumns = {update(processes: readonly ProcessSample[]): void};

export function createResourceColumns(read: (pid: number, withLimit: boolean) => ProcessResources): ResourceColumns {
	return {
		update(processes) {
			for (const process of processes) if (!process.isKernelThread) process.resources = read(process.pid, false);
		},
	};
}

/** Whether these columns need the resources read. */
export function wantsResources(columns: readonly string[] | undefined): boolean {
	return columns?.some(id => (RESOURCE_COLUMNS as readonly string[]).includes(id)) ?? false;
}
