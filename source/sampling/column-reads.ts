// What the columns on screen need read beyond the process table, in one place for the UI and
// --once: the I/O rates (io-rates.ts), the status, fd, OOM and statm reads (resource-columns.ts)
// and the processor the table's source parses only when asked (Source.want), each only while one
// of its columns is shown or asked for.
// I/O: only through the platform's readers it is given.

import type {IoReading, ProcessResources, Snapshot, Source} from '../types.js';
import {createIoRates, wantsIoRates} from './io-rates.js';
import {createResourceColumns, resourceReadsFor} from './resource-columns.js';

/** The readers a platform may have (procfs has all; others none). */
export type ColumnReaders = {
	readIo?: (pid: number) => IoReading;
	readResources?: (pid: number, withLimit: boolean) => ProcessResources;
	readOomScore?: (pid: number) => number | undefined;
	readSharedMemory?: (pid: number) => number | undefined;
};

export type ColumnReads = {
	/** The sample before the first one shown (--once): only what a rate needs a previous reading of. */
	prime(snapshot: Snapshot, columns: readonly string[] | undefined): void;
	/** Reads what these columns need and sets it on the snapshot's samples. */
	update(snapshot: Snapshot, columns: readonly string[] | undefined): void;
};

/** `source`: the table's, which parses its own extra fields (the processor) when asked, from the next read on. */
export function createColumnReads(readers: ColumnReaders, source: Pick<Source, 'want'>): ColumnReads {
	const ioRates = readers.readIo ? createIoRates(readers.readIo) : undefined;
	const resourceColumns = createResourceColumns(readers.readResources, readers.readOomScore, readers.readSharedMemory);
	const prime = (snapshot: Snapshot, columns: readonly string[] | undefined) => {
		if (wantsIoRates(columns)) ioRates?.update(snapshot.processes, snapshot.takenAt);
		source.want?.({processor: columns?.includes('processor') ?? false});
	};
	return {
		prime,
		update(snapshot, columns) {
			prime(snapshot, columns);
			const reads = resourceReadsFor(columns);
			if (reads.resources || reads.oomScore || reads.shared) resourceColumns.update(snapshot.processes, reads);
		},
	};
}
