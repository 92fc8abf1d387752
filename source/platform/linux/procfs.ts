// Linux Source: reads the process table from /proc (procRoot injectable for fixture trees).
// I/O: readdir of procRoot, then one synchronous read of <pid>/stat per process into a reused
// buffer; cmdline and owner are read once per identity (pid, starttime) and cached.
// Vanished pids (ENOENT/ESRCH) are skipped silently; garbled stat lines are counted.

import {fstatSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {sanitize, sanitizeArgv} from '../../sanitize.js';
import type {RawProcess, Source, SourceTable} from '../../types.js';
import {createKeptFiles, createReader} from './proc-files.js';
import {PF_KTHREAD, parseMeminfo, parsePasswd, parseProcStat, parseStat} from './procfs-parse.js';
import {parseOpenFileLimit} from './resources.js';

export type ProcfsOptions = {
	/** Where procfs is mounted; tests point this at test/fixtures/proc/<scenario>. */
	procRoot?: string;
	passwdPath?: string;
	/** CLK_TCK and the page size, when the caller has read them already (the platform does, once). */
	constants?: {clockTicks: number; pageSize: number};
};

/** What is read once per identity (pid, start time), and the identity's own strings, reused every tick. */
type IdentityDetails = {key: string; startTicks: string; comm: string; name: string; command: string; uid: number | undefined; user: string};

/** Thrown when procRoot cannot be listed at all: the one fatal sampling error. */
export class ProcUnavailableError extends Error {
	constructor(procRoot: string, cause: unknown) {
		const code = (cause as NodeJS.ErrnoException)?.code ?? 'error';
		super(`cannot read the process table: ${procRoot} is not available (${code}); is procfs mounted?`);
		this.name = 'ProcUnavailableError';
	}
}

/**
 * How many /proc/<pid>/stat files stay open between ticks (proc-files.ts says why keeping them
 * pays). 8,192 (was 4,096: at +5,000 processes a thousand were opened and closed every tick,
 * 1.5 % of a core) costs at most 32 MiB of kernel memory, and only with that many processes.
 */
export const MAX_KEPT_STAT_FILES = 8192;
/** Open files left for everything else (sockets, the terminal, details, --serve's clients). */
const FDS_LEFT_FREE = 1024;

/** The kept-file cap under this process's own open-file limit, so keeping never causes EMFILE. */
export function keptStatFileCap(procRoot = '/proc'): number {
	let soft: number | undefined;
	try {
		soft = parseOpenFileLimit(readFileSync(`${procRoot}/self/limits`, 'utf8'));
	} catch {}
	return soft === undefined ? MAX_KEPT_STAT_FILES : Math.max(0, Math.min(MAX_KEPT_STAT_FILES, soft - FDS_LEFT_FREE));
}

/** Processes read between two yields to the event loop (~10 ms of work). */
const YIELD_EVERY = 1000;

/**
 * CLK_TCK and the page size, exactly as sysconf() finds them: from the ELF auxiliary vector
 * (AT_PAGESZ = 6, AT_CLKTCK = 17), read once at start-up. Falls back to Linux's usual 100 / 4096.
 */
export function readMachineConstants(procRoot = '/proc'): {clockTicks: number; pageSize: number} {
	const constants = {clockTicks: 100, pageSize: 4096};
	try {
		const auxv = readFileSync(`${procRoot}/self/auxv`);
		for (let offset = 0; offset + 16 <= auxv.length; offset += 16) {
			const type = Number(auxv.readBigUInt64LE(offset));
			const value = Number(auxv.readBigUInt64LE(offset + 8));
			if (type === 6 && value > 0) constants.pageSize = value;
			if (type === 17 && value > 0) constants.clockTicks = value;
		}
	} catch {
		// Not readable (fixture tree, restricted container): keep the defaults.
	}
	return constants;
}

export function createProcfsSource(options: ProcfsOptions = {}): Source {
	const procRoot = options.procRoot ?? '/proc';
	const passwdPath = options.passwdPath ?? '/etc/passwd';
	const {clockTicks, pageSize} = options.constants ?? readMachineConstants(procRoot);
	const reader = createReader();
	const readBytes = reader.readPath;
	const kept = createKeptFiles(reader, keptStatFileCap(procRoot));

	let users: Map<number, string> | undefined;
	let cache = new Map<string, IdentityDetails>();

	function userName(uid: number | undefined): string {
		if (uid === undefined) return 'n/a';
		if (!users) {
			try {
				users = parsePasswd(readFileSync(passwdPath, 'utf8'));
			} catch {
				users = new Map();
			}
		}
		return sanitize(users.get(uid) ?? String(uid));
	}

	function readDetails(pid: number, comm: string, entry: string, key: string, startTicks: string): IdentityDetails {
		const cmdline = readBytes(`${procRoot}/${pid}/cmdline`);
		let uid: number | undefined;
		try {
			// The owner of /proc/<pid> (as htop reads it). fstat on the stat file we already hold
			// open saves a path walk per new process: it carries the same owner.
			const held = kept.fdOf(entry);
			uid = held === undefined ? statSync(`${procRoot}/${pid}`).uid : fstatSync(held).uid;
		} catch {
			uid = undefined;
		}
		return {key, startTicks, comm, name: sanitize(comm), command: cmdline ? sanitizeArgv(cmdline) : '', uid, user: userName(uid)};
	}

	function bootTimeMs(): number {
		const stat = readBytes(`${procRoot}/stat`);
		const seconds = stat ? parseProcStat(stat.toString('latin1')).bootTimeSeconds : undefined;
		return seconds === undefined ? Date.now() : seconds * 1000;
	}

	const boot = bootTimeMs();

	let withProcessor = false;

	async function read(): Promise<SourceTable> {
		kept.beginTick();
		let entries: string[];
		try {
			entries = readdirSync(procRoot);
		} catch (error) {
			throw new ProcUnavailableError(procRoot, error);
		}
		const processes: RawProcess[] = [];
		const nextCache = new Map<string, IdentityDetails>();
		let garbled = 0;
		let sawInit = false;
		let sinceYield = 0;
		for (const entry of entries) {
			const first = entry.charCodeAt(0);
			if (first < 48 || first > 57) continue; // not a pid directory
			// Let keys and timers in between slices: at 10,000 processes one unbroken walk holds
			// the event loop for ~100 ms, which is how long a key press would wait.
			if (++sinceYield === YIELD_EVERY) {
				sinceYield = 0;
				await new Promise(resolve => setImmediate(resolve));
			}
			const bytes = kept.read(entry, `${procRoot}/${entry}/stat`);
			if (!bytes) continue; // vanished between readdir and read: skip silently
			const stat = parseStat(bytes, withProcessor);
			if (!stat) {
				garbled++;
				continue;
			}
			if (stat.pid === 1) sawInit = true;
			const key = `${stat.pid}:${stat.starttime}`; // short-lived: only for the lookup
			let details = cache.get(key);
			// exec() keeps (pid, starttime) but changes comm: re-read the command line then.
			if (!details || details.comm !== stat.comm) details = readDetails(stat.pid, stat.comm, entry, details?.key ?? key, details?.startTicks ?? stat.starttime);
			nextCache.set(details.key, details);
			const isKernelThread = (stat.flags & PF_KTHREAD) !== 0;
			processes.push({
				pid: stat.pid,
				ppid: stat.ppid,
				pgrp: stat.pgrp,
				session: stat.session,
				tty: stat.tty,
				flags: stat.flags,
				state: stat.state,
				name: details.name,
				command: isKernelThread ? '' : details.command,
				uid: details.uid,
				user: details.user,
				cpuTicks: stat.utime + stat.stime,
				systemTicks: stat.stime,
				priority: stat.priority,
				nice: stat.nice,
				threads: stat.threads,
				startTicks: details.startTicks,
				virtualBytes: stat.vsize,
				residentBytes: Math.max(0, stat.rss) * pageSize,
				isKernelThread,
				key: details.key,
				processor: stat.processor,
			});
		}
		cache = nextCache;
		kept.closeUnlisted();
		const procStat = readBytes(`${procRoot}/stat`);
		const cpus = procStat ? parseProcStat(procStat.toString('latin1')).cores : undefined;
		const meminfo = readBytes(`${procRoot}/meminfo`);
		const memoryTotalBytes = meminfo ? parseMeminfo(meminfo.toString('latin1')).get('MemTotal') : undefined;
		return {processes, garbled, limited: !sawInit && processes.length > 0, cpus, memoryTotalBytes};
	}

	function dispose() {
		kept.closeAll();
	}

	function want(fields: {processor: boolean}) {
		withProcessor = fields.processor;
	}

	return {name: 'procfs', cpuKind: 'delta', clockTicks, bootTimeMs: boot, read, want, dispose};
}
