// Batch modes (--once, --json, --json --watch, and any run whose stdout is not a terminal).
// I/O: samples through the injected sampler/system reader, writes plain text or JSON to `out`.
// A closed pipe (`| head -1`) ends the run quietly with status 0.

import {noListenerReason, watchedPort} from '../model/filter.js';
import {selectProcesses} from '../model/select.js';
import {buildRows} from '../model/view.js';
import type {SystemReader} from '../platform/meters.js';
import type {ColumnReads} from '../sampling/column-reads.js';
import type {Sampler} from '../sampling/sampler.js';
import type {ThreadSampler} from '../sampling/threads.js';
import type {Options, SystemSample} from '../types.js';
import {toJsonDocument} from './json.js';
import {renderTable, type TableRow} from './table.js';

export type BatchContext = {
	options: Options;
	sampler: Sampler;
	system: SystemReader;
	out: NodeJS.WritableStream;
	/** Terminal width when stdout is a TTY; Infinity for pipes and files. */
	width: number;
	sleep?: (ms: number) => Promise<void>;
	/** One line for stderr (`proctop :3000 --once` when nothing listens there). */
	warn?: (line: string) => void;
	/** What --columns needs read beyond the table (I/O rates over the same interval as CPU%, fds, …). */
	columnReads?: ColumnReads;
	/** --threads: the thread table, sampled over the same interval as the processes. */
	threads?: ThreadSampler;
};

const defaultSleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

function isBrokenPipe(error: unknown): boolean {
	return (error as NodeJS.ErrnoException)?.code === 'EPIPE';
}

/** Writes and waits for the data to be flushed; rejects with EPIPE when the reader went away. */
function write(out: NodeJS.WritableStream, text: string): Promise<void> {
	return new Promise((resolve, reject) => {
		out.write(text, error => {
			if (error) reject(error);
			else resolve();
		});
	});
}

/** Runs the batch mode the options ask for; resolves to the exit status. */
export async function runBatch(context: BatchContext): Promise<number> {
	const {options, sampler, system, out, width} = context;
	const sleep = context.sleep ?? defaultSleep;
	// The stream also emits 'error' for a closed pipe, possibly after the write callback: a
	// listener that stays keeps that from becoming an uncaught exception (write() reports it).
	out.on('error', () => {});
	const selection = {filter: options.filter, user: options.user, sort: options.sort, inverted: false, pids: options.pids};
	try {
		// CPU% needs two readings: the first sample only primes the deltas (like `top -b -n 2`).
		const primed = await sampler.sample();
		context.columnReads?.prime(primed, options.columns);
		context.threads?.sample(primed, true);
		const updates = options.json && options.watch ? (options.count ?? Number.POSITIVE_INFINITY) : 1;
		for (let update = 0; update < updates; update++) {
			await sleep(options.intervalMs);
			const [snapshot, header] = await Promise.all([sampler.sample(), system.read() as Promise<SystemSample>]);
			context.columnReads?.update(snapshot, options.columns);
			// Every thread (main ones too) for --json's threadList; the table lists the others as rows, as the UI.
			const threads = context.threads?.sample(snapshot, true);
			const processes = selectProcesses(snapshot.processes, selection);
			if (options.json) {
				const document = toJsonDocument(snapshot, header, processes, threads);
				await write(out, options.watch ? `${JSON.stringify(document)}\n` : `${JSON.stringify(document, null, 2)}\n`);
			} else {
				// --once --tree: the same tree the UI draws (matches keep their ancestors), fully expanded.
				const others = threads?.filter(thread => thread.pid !== thread.threadOf) ?? [];
				const listed = others.length > 0 ? [...snapshot.processes, ...others] : snapshot.processes;
				const rows: TableRow[] = options.tree
					? buildRows(listed, {...selection, tree: true, collapsed: new Set()})
					: selectProcesses(listed, selection).map(process => ({process}));
				await write(out, `${renderTable(rows, width, snapshot.takenAt, options.columns).join('\n')}\n`);
			}
			// `proctop :3000 --once` in a script: no listener is a failure, said in one line.
			const port = options.watch ? undefined : watchedPort(options.filter);
			if (port !== undefined && processes.length === 0) {
				context.warn?.(`proctop: ${noListenerReason(port, snapshot.unseenListeners)}`);
				return 1;
			}
		}
		return 0;
	} catch (error) {
		if (isBrokenPipe(error)) return 0;
		throw error;
	}
}
