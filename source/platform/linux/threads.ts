// The thread table, read only while threads are shown (H, --threads): for each multithreaded
// process, its tasks' /proc/<pid>/task/<tid>/stat, stat files kept open between ticks as the
// process table's are and each thread's name sanitized once per identity (tid, start time).
// I/O: lists /proc/<pid>/task and reads its stat files under procRoot; a process or thread that
// ends meanwhile is skipped silently.

import {readdirSync} from 'node:fs';
import {sanitize} from '../../sanitize.js';
import type {RawThread, ThreadOwner} from '../../types.js';
import {createKeptFiles, createReader} from './proc-files.js';
import {parseStat} from './procfs-parse.js';

export type ThreadReader = {
	/**
	 * The threads of every owner with more than one. `withLeaders` adds each one's main thread
	 * (tid = pid: the process row itself stands for it in the UI, as in htop; --json lists all).
	 */
	read(owners: Iterable<ThreadOwner>, withLeaders: boolean): RawThread[];
	/** Closes the kept files (threads hidden again). */
	release(): void;
};

/** Thread stat files kept open: a few hundred multithreaded processes' worth, 4 KiB of kernel memory each. */
export const THREAD_FILES_KEPT = 2048;

export function createThreadReader(procRoot = '/proc', keepAtMost = THREAD_FILES_KEPT): ThreadReader {
	const kept = createKeptFiles(createReader(), keepAtMost, name => `${procRoot}/${name}/stat`);
	let names = new Map<string, {comm: string; name: string}>();
	return {
		read(owners, withLeaders) {
			kept.beginTick();
			const threads: RawThread[] = [];
			const nextNames = new Map<string, {comm: string; name: string}>();
			for (const owner of owners) {
				if (owner.threads < 2 || owner.isKernelThread) continue;
				let tids: string[];
				try {
					tids = readdirSync(`${procRoot}/${owner.pid}/task`);
				} catch {
					continue; // exited since the table was read
				}
				for (const tid of tids) {
					if (!withLeaders && tid === String(owner.pid)) continue;
					const bytes = kept.read(`${owner.pid}/task/${tid}`);
					// The processor too: with few threads it costs little, and a thread's CPU is telling.
					const stat = bytes && parseStat(bytes, true);
					if (!stat) continue;
					const key = `${stat.pid}:${stat.starttime}`;
					let named = names.get(key);
					if (!named || named.comm !== stat.comm) named = {comm: stat.comm, name: sanitize(stat.comm)};
					nextNames.set(key, named);
					threads.push({
						tid: stat.pid,
						pid: owner.pid,
						name: named.name,
						state: stat.state,
						cpuTicks: stat.utime + stat.stime,
						systemTicks: stat.stime,
						priority: stat.priority,
						nice: stat.nice,
						startTicks: stat.starttime,
						key,
						processor: stat.processor,
					});
				}
			}
			names = nextNames;
			kept.closeUnlisted();
			return threads;
		},
		release() {
			kept.closeAll();
			names = new Map();
		},
	};
}
