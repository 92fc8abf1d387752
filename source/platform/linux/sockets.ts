// Listening sockets and who holds them, from /proc alone (no lsof, ss or netstat): the tables in
// /proc/net/{tcp,tcp6,udp,udp6} give each listening TCP and bound UDP socket's inode, and
// /proc/<pid>/fd links (`socket:[inode]`) say which process holds it.
// I/O: those files under the procfs root; parsing is parseNetSockets (procfs-parse.ts, pure).

import {readdirSync, readlinkSync} from 'node:fs';
import type {Listener} from '../../types.js';
import {readProcFile} from './proc-files.js';
import {parseNetSockets, type Socket} from './procfs-parse.js';

/** The listening sockets of the four tables in a net directory (`/proc/net`, `/proc/<pid>/net`). */
export function readNetSockets(netDir: string): Socket[] {
	const sockets: Socket[] = [];
	for (const table of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
		try {
			sockets.push(...parseNetSockets(readProcFile(`${netDir}/${table}`).toString('latin1'), table));
		} catch {
			// no IPv6, or no /proc/net here
		}
	}
	return sockets;
}

/** Every listening TCP and bound UDP socket in this network namespace, by inode. */
export function readListeningSockets(procRoot: string): Map<string, Listener> {
	const all = new Map<string, Listener>();
	for (const {inode, address, port, protocol} of readNetSockets(`${procRoot}/net`)) {
		if (inode !== '0' && port !== 0) all.set(inode, {protocol: protocol.startsWith('tcp') ? 'tcp' : 'udp', address, port});
	}
	return all;
}

/**
 * The TCP and UDP socket counters of /proc/net/sockstat and sockstat6 (in use, allocated): a few
 * numbers that change when a socket comes or goes, read in ~0.1 ms where the tables take ~9.
 */
export function readSocketsToken(procRoot: string): string | undefined {
	let token = '';
	for (const file of ['sockstat', 'sockstat6']) {
		try {
			const text = readProcFile(`${procRoot}/net/${file}`).toString('latin1');
			for (const line of text.split('\n')) if (/^(TCP|UDP)6?:/.test(line)) token += `${line.replace(/ mem \d+/, '')};`;
		} catch {
			if (file === 'sockstat') return undefined;
		}
	}
	return token;
}

/** The inode of an fd link that is a socket (`socket:[12345]`), else undefined. */
export function socketInode(target: string): string | undefined {
	return /^socket:\[(\d+)\]$/.exec(target)?.[1];
}

/** The socket inodes a process holds open; 'denied' when its fds are not ours to read. */
export function socketInodesOf(pid: number, procRoot: string): string[] | 'denied' | undefined {
	const dir = `${procRoot}/${pid}/fd`;
	let fds: string[];
	try {
		fds = readdirSync(dir);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === 'EACCES' || code === 'EPERM' ? 'denied' : undefined;
	}
	const inodes: string[] = [];
	for (const fd of fds) {
		let target: string;
		try {
			target = readlinkSync(`${dir}/${fd}`);
		} catch {
			continue; // closed meanwhile
		}
		const inode = socketInode(target);
		if (inode !== undefined) inodes.push(inode);
	}
	return inodes;
}
