// Sending signals and renicing safely (the signals themselves are the table in signal-table.ts).
// createSignaller() re-reads a target's identity (pid, start time) through the platform
// immediately before kill() and refuses on any mismatch; refuses pid ≤ 1, proctop, its
// ancestors and kernel threads; and turns ESRCH/EPERM/zombies into one readable line.
// I/O: none of its own; everything goes through the platform it is given.

import {constants} from 'node:os';
import type {Identity, SignalPlatform} from '../platform/platform.js';
import {signalNamed} from './signal-table.js';

export type {Identity} from '../platform/platform.js';
export {SIGNALS, type SignalInfo} from './signal-table.js';

/** What the user picked: captured when the menu opened and never re-derived from the list. */
export type Target = {pid: number; startTicks: string; name: string; user: string};

export type Outcome =
	| {ok: true; target: Target; signal: string}
	| {ok: false; target: Target; signal?: string; reason: 'refused' | 'changed' | 'exited' | 'permission' | 'zombie' | 'error'; message: string};

export type SignallerOptions = {
	/** kill, setpriority and the identity re-check: the real platform, or a test's fake. */
	platform: SignalPlatform;
	selfPid?: number;
	/** proctop's ancestors (shell, npm/npx): never signalled. Found through the platform by default. */
	ancestors?: ReadonlySet<number>;
};

/** pids from our parent up to (not including) pid 1, read once at start-up. */
export function findAncestors(selfPid: number, readIdentity: SignalPlatform['readIdentity']): Set<number> {
	const ancestors = new Set<number>();
	let pid = readIdentity(selfPid)?.ppid ?? process.ppid;
	while (pid > 1 && !ancestors.has(pid)) {
		ancestors.add(pid);
		pid = readIdentity(pid)?.ppid ?? 0;
	}
	return ancestors;
}

/** The errno name: os.setPriority throws a SystemError whose errno sits in `info.code`. */
function errnoOf(error: unknown): string | undefined {
	const systemError = error as {code?: string; info?: {code?: string}};
	return systemError?.code === 'ERR_SYSTEM_ERROR' ? systemError.info?.code : systemError?.code;
}

export type Signaller = ReturnType<typeof createSignaller>;

export function createSignaller(options: SignallerOptions) {
	const {kill, readIdentity, setNice, threadsOf} = options.platform;
	const selfPid = options.selfPid ?? process.pid;
	const ancestors = options.ancestors ?? findAncestors(selfPid, readIdentity);

	const label = (target: Target) => `${target.pid} ${target.name}`;

	/** Why this target may never be signalled, or undefined. Checked before anything is sent. */
	function refusal(target: Target): string | undefined {
		if (!Number.isSafeInteger(target.pid) || target.pid <= 0) return `refused: ${String(target.pid)} is not a process id`;
		if (target.pid === 1) return 'refused: pid 1 is init; signalling it can take the whole system down';
		if (target.pid === selfPid) return 'refused: that is proctop itself (press q to quit)';
		if (ancestors.has(target.pid)) return `refused: ${label(target)} is an ancestor of proctop (your shell or npm/npx)`;
		return undefined;
	}

	/**
	 * Is the target still the process that was picked? 'same' (with its state), 'changed' (the
	 * pid now names a newer process) or 'gone'.
	 */
	function check(target: Target): {status: 'same'; identity: Identity} | {status: 'changed'} | {status: 'gone'} {
		const identity = readIdentity(target.pid);
		if (!identity) return {status: 'gone'};
		if (identity.startTicks !== target.startTicks) return {status: 'changed'};
		return {status: 'same', identity};
	}

	/** `signal` by name as the table spells it (SIGTERM, SIGRTMIN+3). */
	function send(target: Target, signal: string): Outcome {
		const info = signalNamed(signal);
		if (!info) return {ok: false, target, signal, reason: 'refused', message: `no such signal: ${signal}; nothing was sent`};
		const refused = refusal(target);
		if (refused) return {ok: false, target, signal, reason: 'refused', message: refused};
		// The identity check sits immediately before kill(): nothing in between can reorder them.
		const now = check(target);
		if (now.status === 'gone') return {ok: false, target, signal, reason: 'exited', message: `${label(target)} already exited`};
		if (now.status === 'changed')
			return {ok: false, target, signal, reason: 'changed', message: `pid ${target.pid} is no longer the process you selected; nothing was sent`};
		// Kernel threads ignore every signal (SIGKILL included): sending one only misleads.
		if (now.identity.kernelThread)
			return {
				ok: false,
				target,
				signal,
				reason: 'refused',
				message: `refused: ${label(target)} is a kernel thread; kernel threads ignore signals, nothing was sent`,
			};
		if (now.identity.state === 'Z' && signal !== 'SIGCONT') {
			const parent = readIdentity(now.identity.ppid);
			return {
				ok: false,
				target,
				signal,
				reason: 'zombie',
				message: `${label(target)} is already dead (zombie): its parent ${now.identity.ppid} ${parent?.name ?? '?'} must reap it`,
			};
		}
		try {
			// Node knows the classic signals by name; the real-time range only by number.
			kill(target.pid, info.name in constants.signals ? (info.name as NodeJS.Signals) : info.number);
			return {ok: true, target, signal};
		} catch (error) {
			return {ok: false, target, signal, ...describeError(error, target)};
		}
	}

	function describeError(error: unknown, target: Target): {reason: 'exited' | 'permission' | 'error'; message: string} {
		const code = errnoOf(error);
		if (code === 'ESRCH') return {reason: 'exited', message: `${label(target)} already exited`};
		if (code === 'EPERM' || code === 'EACCES') return {reason: 'permission', message: `not permitted: ${label(target)} is owned by ${target.user}`};
		return {reason: 'error', message: `${label(target)}: ${code ?? (error instanceof Error ? error.message : String(error))}`};
	}

	/**
	 * Sets the nice value of every thread (Linux keeps one per thread; setpriority on the pid
	 * alone changes only the main thread). Returns how many threads changed, or the error line.
	 */
	function renice(target: Target, nice: number): {ok: true; threads: number; total: number} | {ok: false; message: string} {
		const refused = refusal(target);
		if (refused) return {ok: false, message: refused};
		const now = check(target);
		if (now.status !== 'same')
			return {
				ok: false,
				message: now.status === 'gone' ? `${label(target)} already exited` : `pid ${target.pid} is no longer the process you selected; nothing was changed`,
			};
		const clamped = Math.max(-20, Math.min(19, Math.trunc(nice)));
		const threads = threadsOf(target.pid);
		let changed = 0;
		for (const tid of threads) {
			try {
				setNice(tid, clamped);
				changed++;
			} catch (error) {
				const code = errnoOf(error);
				if (code === 'ESRCH') continue; // that thread ended meanwhile
				if (changed === 0) {
					if (code === 'EACCES' || code === 'EPERM') {
						const why = clamped < 0 ? 'raising priority (nice < current) needs root or CAP_SYS_NICE' : `${label(target)} is owned by ${target.user}`;
						return {ok: false, message: `not permitted: ${why}`};
					}
					return {ok: false, message: `${label(target)}: ${code ?? String(error)}`};
				}
			}
		}
		return {ok: true, threads: changed, total: threads.length};
	}

	return {send, check, refusal, renice};
}
