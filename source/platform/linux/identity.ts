// What Linux says about one pid right now, for the checks made immediately before kill() and
// renice: its identity (start time), state, parent, name and whether it is a kernel thread, and
// its thread ids. I/O: reads /proc/<pid>/stat and lists /proc/<pid>/task under procRoot.

import {readdirSync, readFileSync} from 'node:fs';
import type {Identity} from '../platform.js';
import {PF_KTHREAD, parseStat} from './procfs-parse.js';

export function readProcIdentity(pid: number, procRoot = '/proc'): Identity | undefined {
	try {
		const stat = parseStat(readFileSync(`${procRoot}/${pid}/stat`));
		return stat ? {startTicks: stat.starttime, state: stat.state, ppid: stat.ppid, name: stat.comm, kernelThread: (stat.flags & PF_KTHREAD) !== 0} : undefined;
	} catch {
		return undefined;
	}
}

/** Thread ids of a process (Linux keeps a nice value per thread); [pid] when unreadable. */
export function threadIds(pid: number, procRoot = '/proc'): number[] {
	try {
		return readdirSync(`${procRoot}/${pid}/task`).map(Number).filter(Number.isInteger);
	} catch {
		return [pid];
	}
}
