// What a process uses beyond its stat line, for the exporter's per-group series: swap and context
// switches (/proc/<pid>/status), bytes read and written to storage (/proc/<pid>/io), open file
// descriptors (/proc/<pid>/fd) and their soft limit (/proc/<pid>/limits). Each is up to one more
// file per process, so the caller decides whom to read when (serve/resource-tracker.ts).
// I/O: reads under procRoot into one reused buffer; anything unreadable (another user's io or fd
// without root, a process that exited) is left undefined, never 0.

import {readdirSync, statfsSync, statSync} from 'node:fs';
import type {IoReading, ProcessResources} from '../../types.js';
import {readProcFile} from './proc-files.js';

/** Small /proc files as text through one reused buffer (proc-files.ts); undefined when unreadable. */
function readText(path: string): string | undefined {
	try {
		return readProcFile(path).toString('latin1');
	} catch {
		return undefined;
	}
}

/** The fields of /proc/<pid>/status the exporter needs; absent ones stay undefined. */
export function parseStatusResources(text: string): Pick<ProcessResources, 'swapBytes' | 'voluntarySwitches' | 'involuntarySwitches'> {
	const number = (key: string) => {
		const at = text.indexOf(`\n${key}:`);
		if (at < 0) return undefined;
		const value = Number.parseInt(text.slice(at + key.length + 2, text.indexOf('\n', at + 1)).trim(), 10);
		return Number.isFinite(value) ? value : undefined;
	};
	const swapKb = number('VmSwap');
	return {
		// Kernel threads have no VmSwap line at all: they have no user memory to swap.
		swapBytes: swapKb === undefined ? undefined : swapKb * 1024,
		voluntarySwitches: number('voluntary_ctxt_switches'),
		involuntarySwitches: number('nonvoluntary_ctxt_switches'),
	};
}

/** Bytes the process made the kernel fetch from or send to storage (not rchar/wchar: those count cached reads). */
export function parseIoBytes(text: string): Pick<ProcessResources, 'readBytes' | 'writeBytes'> {
	const number = (key: string) => {
		const match = new RegExp(`^${key}: (\\d+)$`, 'm').exec(text);
		return match ? Number(match[1]) : undefined;
	};
	return {readBytes: number('read_bytes'), writeBytes: number('write_bytes')};
}

/** The soft limit on open files; undefined when unlimited or not found. */
export function parseOpenFileLimit(text: string): number | undefined {
	const match = /^Max open files\s+(\d+|unlimited)\s/m.exec(text);
	if (!match || match[1] === 'unlimited') return undefined;
	return Number(match[1]);
}

/**
 * /proc/<pid>/io's storage counters for the I/O rate columns, or the errno that kept them
 * (EACCES: another user's process without root; ENOENT/ESRCH: it exited).
 */
export function createIoReader(procRoot = '/proc'): (pid: number) => IoReading {
	return pid => {
		try {
			const {readBytes, writeBytes} = parseIoBytes(readProcFile(`${procRoot}/${pid}/io`).toString('latin1'));
			return readBytes === undefined || writeBytes === undefined ? {unreadable: 'no storage counters'} : {readBytes, writeBytes};
		} catch (error) {
			return {unreadable: (error as NodeJS.ErrnoException).code ?? 'unreadable'};
		}
	};
}

/** /proc/<pid>/oom_score: how likely the OOM killer picks it (0–1000); undefined when unreadable. */
export function createOomScoreReader(procRoot = '/proc'): (pid: number) => number | undefined {
	return pid => {
		const text = readText(`${procRoot}/${pid}/oom_score`);
		const score = text === undefined ? Number.NaN : Number.parseInt(text, 10);
		return Number.isFinite(score) ? score : undefined;
	};
}

/** The third field of /proc/<pid>/statm: resident pages backed by a file or shared (htop's SHR). */
export function parseStatmShared(text: string): number | undefined {
	const pages = Number(text.split(' ')[2]);
	return Number.isInteger(pages) && pages >= 0 ? pages : undefined;
}

/** One process's shared resident memory in bytes (the SHR column); undefined once it is gone. */
export function createSharedMemoryReader(procRoot: string, pageSize: number): (pid: number) => number | undefined {
	return pid => {
		const text = readText(`${procRoot}/${pid}/statm`);
		const pages = text === undefined ? undefined : parseStatmShared(text);
		return pages === undefined ? undefined : pages * pageSize;
	};
}

export type ResourceReader = (pid: number, withLimit: boolean) => ProcessResources;

/** statfs's f_type of procfs: only there does a directory's size mean something other than blocks. */
const PROC_SUPER_MAGIC = 0x9f_a0;

function isProcfs(path: string): boolean {
	try {
		return statfsSync(path).type === PROC_SUPER_MAGIC;
	} catch {
		return false;
	}
}

export function createResourceReader(procRoot = '/proc'): ResourceReader {
	const sizeIsCount = isProcfs(procRoot);
	/**
	 * Since Linux 6.2 stat() of /proc/<pid>/fd reports the number of open fds as its size, which
	 * costs half of listing the directory; a size of 0 may mean an older kernel, so count then
	 * (and always in a fixture tree, which is not procfs).
	 */
	function countFds(dir: string): number | undefined {
		try {
			const size = sizeIsCount ? statSync(dir).size : 0;
			return size > 0 ? size : readdirSync(dir).length;
		} catch {
			return undefined;
		}
	}
	return (pid, withLimit) => {
		const base = `${procRoot}/${pid}`;
		const status = readText(`${base}/status`);
		const io = readText(`${base}/io`);
		const limits = withLimit ? readText(`${base}/limits`) : undefined;
		return {
			...(status === undefined ? {} : parseStatusResources(status)),
			...(io === undefined ? {} : parseIoBytes(io)),
			openFds: countFds(`${base}/fd`),
			...(limits === undefined ? {} : {fdLimit: parseOpenFileLimit(limits)}),
		};
	};
}
