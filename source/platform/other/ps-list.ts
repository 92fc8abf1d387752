// Source for platforms without /proc (macOS, BSD, Windows), through ps-list.
// I/O: ps-list spawns `ps` (or fastlist on Windows). Its CPU% is `ps`'s lifetime average,
// so this source says cpuKind 'reported' and the UI labels the column accordingly.

import {userInfo} from 'node:os';
import {sanitize} from '../../sanitize.js';
import type {RawProcess, Source, SourceTable} from '../../types.js';

type PsListEntry = {pid: number; name: string; ppid: number; cmd?: string; cpu?: number; memory?: number; uid?: number};
export type PsList = (options?: {all?: boolean}) => Promise<PsListEntry[]>;

function currentUser(): {uid: number; name: string} | undefined {
	try {
		const info = userInfo();
		return {uid: info.uid, name: info.username};
	} catch {
		return undefined;
	}
}

/** `psList` is injectable for tests; by default the real module is loaded on first read. */
export function createPsListSource(options: {psList?: PsList} = {}): Source {
	const me = currentUser();
	async function read(): Promise<SourceTable> {
		const psList = options.psList ?? ((await import('ps-list')).default as PsList);
		const entries = await psList({all: true});
		const processes: RawProcess[] = entries.map(entry => ({
			pid: entry.pid,
			ppid: entry.ppid,
			pgrp: 0,
			session: 0,
			tty: 0,
			flags: 0,
			state: '?',
			name: sanitize(entry.name),
			command: sanitize(entry.cmd ?? ''),
			uid: entry.uid,
			// ps-list gives only the uid; the name is known for our own processes.
			user: entry.uid === undefined ? 'n/a' : entry.uid === me?.uid ? sanitize(me.name) : String(entry.uid),
			cpuTicks: 0,
			systemTicks: 0,
			priority: 0,
			nice: 0,
			threads: 0,
			startTicks: '0',
			virtualBytes: 0,
			residentBytes: 0,
			isKernelThread: false,
			reportedCpuPercent: entry.cpu,
			reportedMemoryPercent: entry.memory,
		}));
		return {processes, garbled: 0, limited: false};
	}
	return {name: 'ps-list', cpuKind: 'reported', clockTicks: 100, bootTimeMs: 0, read};
}
