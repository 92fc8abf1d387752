// Two lists of one process, read on request for the details view: its environment (`e`, as
// htop's) and its open files (`l`, as htop's lsof screen, without spawning lsof).
// I/O: reads /proc/<pid>/environ, lists /proc/<pid>/fd and reads each link under procRoot;
// every string is sanitized (any local user controls both); unreadable becomes "n/a (…)".

import {readdirSync, readFileSync, readlinkSync} from 'node:fs';
import {sanitizeBytes} from '../../sanitize.js';
import {attempt, type Maybe} from './details.js';
import {readNetSockets, socketInode} from './sockets.js';

/** One open file descriptor: its number, what kind of thing it is, and what it points at. */
export type OpenFile = {fd: number; kind: 'file' | 'directory' | 'socket' | 'pipe' | 'device' | 'anon' | 'other'; target: string};

/** NAME=value lines, in the order the process holds them. */
export function readEnvironment(pid: number, procRoot = '/proc'): Maybe<string[]> {
	return attempt(() => {
		const bytes = readFileSync(`${procRoot}/${pid}/environ`);
		const entries: string[] = [];
		let start = 0;
		for (let index = 0; index <= bytes.length; index++) {
			if (index < bytes.length && bytes[index] !== 0) continue;
			if (index > start) entries.push(sanitizeBytes(bytes.subarray(start, index)));
			start = index + 1;
		}
		return entries;
	});
}

function kindOf(target: string): OpenFile['kind'] {
	if (target.startsWith('socket:[')) return 'socket';
	if (target.startsWith('pipe:[')) return 'pipe';
	if (target.startsWith('anon_inode:')) return 'anon';
	if (target.startsWith('/dev/')) return 'device';
	if (target.startsWith('/')) return 'file';
	return 'other';
}

/** Its fds in order; a listening socket names its address and port (from the process's own /proc/<pid>/net). */
export function readOpenFiles(pid: number, procRoot = '/proc'): Maybe<OpenFile[]> {
	const base = `${procRoot}/${pid}`;
	return attempt(() => {
		const files: OpenFile[] = [];
		for (const name of readdirSync(`${base}/fd`)) {
			let target: string;
			try {
				target = sanitizeBytes(readlinkSync(`${base}/fd/${name}`, {encoding: 'buffer'}));
			} catch {
				continue; // closed meanwhile
			}
			files.push({fd: Number(name), kind: kindOf(target), target});
		}
		files.sort((a, b) => a.fd - b.fd);
		if (files.some(file => file.kind === 'socket')) {
			let listening: Map<string, string> | undefined;
			try {
				listening = new Map(
					readNetSockets(`${base}/net`).map(socket => [
						socket.inode,
						`${socket.protocol} ${socket.address.includes(':') ? `[${socket.address}]` : socket.address}:${socket.port} (listening)`,
					]),
				);
			} catch {}
			for (const file of files) {
				const inode = socketInode(file.target);
				const where = inode === undefined ? undefined : listening?.get(inode);
				if (where) file.target = `${file.target} ${where}`;
			}
		}
		return files;
	});
}
