// I/O rates per process: storage bytes read and written per second between two readings of
// /proc/<pid>/io, per identity (a reused pid starts over). Used only while an I/O column is shown
// (or asked for with --columns), since it is one more read per process per tick.
// I/O: only through the `readIo` it is given; sets ioReadRate / ioWriteRate / ioUnreadable on the
// samples it is handed.

import type {IoReading, ProcessSample} from '../types.js';

type Previous = {readBytes: number; writeBytes: number; at: number};

export type IoRates = {
	/** Reads every process's counters now and sets its rates (undefined on first sight). */
	update(processes: readonly ProcessSample[], takenAt: number): void;
};

export function createIoRates(readIo: (pid: number) => IoReading): IoRates {
	let previous = new Map<string, Previous>();
	return {
		update(processes, takenAt) {
			const next = new Map<string, Previous>();
			for (const process of processes) {
				// Kernel threads do no storage I/O of their own that /proc reports.
				if (process.isKernelThread) continue;
				const reading = readIo(process.pid);
				if ('unreadable' in reading) {
					process.ioReadRate = null;
					process.ioWriteRate = null;
					process.ioUnreadable = reading.unreadable;
					continue;
				}
				const before = previous.get(process.key);
				const seconds = before ? (takenAt - before.at) / 1000 : 0;
				// A counter that went backwards is another process behind the key: start over.
				if (before && seconds > 0 && reading.readBytes >= before.readBytes && reading.writeBytes >= before.writeBytes) {
					process.ioReadRate = (reading.readBytes - before.readBytes) / seconds;
					process.ioWriteRate = (reading.writeBytes - before.writeBytes) / seconds;
				}
				next.set(process.key, {...reading, at: takenAt});
			}
			// Processes that exited (or were not listed) are forgotten.
			previous = next;
		},
	};
}

/** Whether these columns need the I/O rates measured. */
export function wantsIoRates(columns: readonly string[] | undefined): boolean {
	return columns?.some(id => id === 'io_read_rate' || id === 'io_write_rate') ?? false;
}
