// Which process holds which listening socket (pure over an injected inspector). The socket
// tables are costly to read even when small (the kernel walks its whole connection hash: ~9 ms
// a tick on a 24 GB machine), so each tick it first reads a cheap token (the socket counters in
// /proc/net/sockstat) and reads the tables only when that token changed, a process appeared, a
// holder exited, or 30 ticks passed. Only when the listening set changed, or a holder exited,
// does it look through processes' fds, new processes first, and it stops as soon as every socket
// has a holder. A socket nobody visible holds is "unseen": held by a process
// this user may not look into, never reported as free.

import {noPause, type Pause} from '../sampling/yield.js';
import type {Inspector, Listener, ProcessSample} from '../types.js';

export type PortScan = {byPid: ReadonlyMap<number, readonly Listener[]>; unseen: readonly Listener[]};

type SocketReader = Required<Pick<Inspector, 'listening' | 'socketsOf'>> & Pick<Inspector, 'socketsToken'>;

/** Re-read the tables at least this often, for what the token cannot see (one listener closed, another opened). */
const RECHECK_TICKS = 30;

/**
 * Processes whose fds are looked through between two pauses (~5 ms of readdir and readlink).
 * Why: a walk through every process's fds takes ~170 ms at +5,000 processes (the UI's second
 * tick, or any tick after the listening set changed while a socket has no visible holder), and
 * a key typed meanwhile would wait for all of it.
 */
export const FDS_SLICE = 150;

const EMPTY: PortScan = {byPid: new Map(), unseen: []};

/** Two ASCII texts in code-unit order. Not localeCompare: its first use maps ICU's collation data (2.6 MB more resident in a bare node) for protocol names and addresses. */
function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The ports column's order: by port, TCP before UDP, then address. */
export function compareListeners(a: Listener, b: Listener): number {
	return a.port - b.port || compareText(a.protocol, b.protocol) || compareText(a.address, b.address);
}

export function createPortIndex(reader: SocketReader | undefined) {
	/** inode → pids holding it, as last found. */
	let holders = new Map<string, number[]>();
	let lastInodes = '';
	let last: PortScan = EMPTY;
	let lastToken: string | undefined;
	let sinceRead = Number.POSITIVE_INFINITY;

	/** `changes`: keys that appeared and pids that exited since the last scan; `pause` is taken between slices of the fd walk. */
	async function scan(
		processes: readonly ProcessSample[],
		changes: {appeared: ReadonlySet<string>; exitedPids: ReadonlySet<number>},
		pause: Pause = noPause,
	): Promise<PortScan> {
		if (!reader) return EMPTY;
		const {appeared, exitedPids} = changes;
		const holdersGone = exitedPids.size > 0 && [...holders.values()].some(pids => pids.some(pid => exitedPids.has(pid)));
		const token = reader.socketsToken?.();
		const quiet = token !== undefined && token === lastToken && appeared.size === 0 && !holdersGone && sinceRead + 1 < RECHECK_TICKS;
		lastToken = token;
		if (quiet) {
			sinceRead++;
			return last;
		}
		sinceRead = 0;
		const listening = reader.listening();
		const inodes = [...listening.keys()].sort().join(',');
		if (inodes === lastInodes && !holdersGone) return last;
		lastInodes = inodes;
		const alive = new Set(processes.map(process => process.pid));

		const next = new Map<string, number[]>();
		for (const [inode, pids] of holders) {
			const still = pids.filter(pid => alive.has(pid));
			if (listening.has(inode) && still.length > 0) next.set(inode, still);
		}
		let missing = [...listening.keys()].filter(inode => !next.has(inode)).length;
		// New processes first: a socket that just appeared is most likely theirs.
		const order = [...processes.filter(process => appeared.has(process.key)), ...processes.filter(process => !appeared.has(process.key))];
		let sincePause = 0;
		for (const process of order) {
			if (missing === 0) break;
			if (process.isKernelThread) continue;
			if (++sincePause === FDS_SLICE) {
				sincePause = 0;
				await pause();
			}
			const inodes = reader.socketsOf(process.pid);
			if (!Array.isArray(inodes)) continue;
			for (const inode of inodes) {
				if (!listening.has(inode)) continue;
				const pids = next.get(inode);
				if (!pids) {
					next.set(inode, [process.pid]);
					missing--;
				} else if (!pids.includes(process.pid)) pids.push(process.pid);
			}
		}
		holders = next;

		const byPid = new Map<number, Listener[]>();
		const unseen: Listener[] = [];
		for (const [inode, listener] of listening) {
			const pids = holders.get(inode);
			if (!pids) unseen.push(listener);
			for (const pid of pids ?? []) {
				const list = byPid.get(pid);
				if (list) list.push(listener);
				else byPid.set(pid, [listener]);
			}
		}
		for (const list of byPid.values()) list.sort(compareListeners);
		last = {byPid, unseen: unseen.sort(compareListeners)};
		return last;
	}

	return {scan};
}
