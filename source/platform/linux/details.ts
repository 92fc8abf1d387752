// On-demand details of one process for the details view: full command line, executable, working
// directory, memory incl. swap, open files and listening ports (socket inodes from its fds matched
// against /proc/net/*). I/O: reads under procRoot; anything unreadable becomes "n/a (…)".

import {readdirSync, readFileSync, readlinkSync} from 'node:fs';
import {sanitizeArgv, sanitizeBytes, sanitizeLines} from '../../sanitize.js';
import {readProcFile} from './proc-files.js';
import {parseStatus, type Socket} from './procfs-parse.js';
import {readNetSockets, socketInode} from './sockets.js';

export type NotAvailable = {unavailable: string};
export type Maybe<T> = T | NotAvailable;

export type ProcessDetails = {
	pid: number;
	command: Maybe<string>;
	executable: Maybe<string>;
	workingDirectory: Maybe<string>;
	swapBytes: Maybe<number>;
	uids: Maybe<string>;
	openFiles: Maybe<number>;
	listening: Maybe<Socket[]>;
	/** /proc/<pid>/cgroup as text (the details view shows its path beside the SERVICE label). */
	cgroup: Maybe<string>;
};

export function isAvailable<T>(value: Maybe<T>): value is T {
	return !(typeof value === 'object' && value !== null && 'unavailable' in value);
}

function unavailable(error: unknown): NotAvailable {
	const code = (error as NodeJS.ErrnoException)?.code;
	if (code === 'EACCES' || code === 'EPERM') return {unavailable: 'n/a (permission)'};
	if (code === 'ENOENT' || code === 'ESRCH') return {unavailable: 'n/a (exited)'};
	return {unavailable: `n/a (${code ?? 'error'})`};
}

export function attempt<T>(read: () => T): Maybe<T> {
	try {
		return read();
	} catch (error) {
		return unavailable(error);
	}
}

export function readDetails(pid: number, procRoot = '/proc'): ProcessDetails {
	const base = `${procRoot}/${pid}`;
	const status = attempt(() => parseStatus(readFileSync(`${base}/status`, 'utf8')));
	const fds = attempt(() => readdirSync(`${base}/fd`));
	// Unreadable fds mean unreadable sockets, for the same reason: reuse that answer.
	const listening = !isAvailable(fds)
		? fds
		: attempt(() => {
				const inodes = new Set<string>();
				for (const fd of fds) {
					try {
						const inode = socketInode(readlinkSync(`${base}/fd/${fd}`));
						if (inode !== undefined) inodes.add(inode);
					} catch {
						// fd closed meanwhile
					}
				}
				// The process's own network namespace: /proc/<pid>/net, not /proc/net.
				return inodes.size === 0 ? [] : readNetSockets(`${base}/net`).filter(socket => inodes.has(socket.inode));
			});
	return {
		pid,
		command: attempt(() => sanitizeArgv(readProcFile(`${base}/cmdline`))),
		executable: attempt(() => sanitizeBytes(readlinkSync(`${base}/exe`, {encoding: 'buffer'}))),
		workingDirectory: attempt(() => sanitizeBytes(readlinkSync(`${base}/cwd`, {encoding: 'buffer'}))),
		swapBytes: isAvailable(status) ? Number.parseInt(status.get('VmSwap') ?? '0', 10) * 1024 : status,
		uids: isAvailable(status) ? (status.get('Uid') ?? '?').split(/\s+/).join(' ') : status,
		openFiles: isAvailable(fds) ? fds.length : fds,
		listening,
		cgroup: attempt(() => sanitizeLines(readProcFile(`${base}/cgroup`))),
	};
}
