// Linux Source: reads the process table from /proc (procRoot injectable for fixture trees).
// I/O: readdir of procRoot, then one synchronous read of <pid>/stat per process into a reused
// buffer; cmdline and owner are read once per identity (pid, starttime) and cached. A read asked
// to defer them (the first frame's) leaves them to fillDeferred(), which reads them for the rows
// on screen first and then for the rest.
// Vanished pids (ENOENT/ESRCH) are skipped silently; garbled stat lines are counted.
// A table's rows are the identities' own records, rewritten by the next read(): a known process
// costs no allocation per tick (the sampler copies what it keeps before it reads again).

import {fstatSync, readdir, readFileSync, statSync} from 'node:fs';
import {decodeUtf8, sanitize, sanitizeArgv} from '../../sanitize.js';
import type {RawProcess, Source, SourceTable} from '../../types.js';
import {createKeptFiles, createReader} from './proc-files.js';
import {latin1, newStatScan, PF_KTHREAD, parseMeminfo, parsePasswd, parseProcStat, sameLatin1, scanStat, whole} from './procfs-parse.js';
import {parseOpenFileLimit} from './resources.js';
import {type SliceTimer, sliceTimer} from './slices.js';

export type ProcfsOptions = {
	/** Where procfs is mounted; tests point this at test/fixtures/proc/<scenario>. */
	procRoot?: string;
	passwdPath?: string;
	/** CLK_TCK and the page size, when the caller has read them already (the platform does, once). */
	constants?: {clockTicks: number; pageSize: number};
	/** When the walk of /proc lets the event loop in (every SLICE_MS of work); tests pass one that counts. */
	slices?: () => SliceTimer;
};

/** One identity (pid, start time): what is read once for it, and its row, rewritten every tick. */
type Identity = {
	key: string;
	startTicks: string;
	/** comm's bytes as latin1 text: compared with each tick's bytes without decoding them. */
	commBytes: string;
	name: string;
	command: string;
	row: RawProcess;
	/** The last read() that saw it. */
	seen: number;
	/** Command line and owner not read yet (a deferring read): fillDeferred() or the next read() reads them. */
	deferred: boolean;
};

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
/** The one /proc/meminfo line the table needs (MEM%'s divisor); the meters parse theirs apiece. */
const MEM_TOTAL: ReadonlySet<string> = new Set(['MemTotal']);

/** The kept-file cap under this process's own open-file limit, so keeping never causes EMFILE. */
export function keptStatFileCap(procRoot = '/proc'): number {
	let soft: number | undefined;
	try {
		soft = parseOpenFileLimit(readFileSync(`${procRoot}/self/limits`, 'utf8'));
	} catch {}
	return soft === undefined ? MAX_KEPT_STAT_FILES : Math.max(0, Math.min(MAX_KEPT_STAT_FILES, soft - FDS_LEFT_FREE));
}

/** /proc's entries, listed on libuv's thread pool: at 10,000 processes the listing took ~20 ms of the event loop. */
function listEntries(procRoot: string): Promise<string[]> {
	return new Promise((resolve, reject) => readdir(procRoot, (error, entries) => (error ? reject(error) : resolve(entries))));
}

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

/** A row with every field present (one shape for all), filled in by each read. */
function newRow(): RawProcess {
	return {
		pid: 0,
		ppid: 0,
		pgrp: 0,
		session: 0,
		tty: 0,
		flags: 0,
		state: 'S',
		name: '',
		command: '',
		uid: undefined,
		user: '',
		cpuTicks: 0,
		systemTicks: 0,
		priority: 0,
		nice: 0,
		threads: 0,
		startTicks: '',
		virtualBytes: 0,
		residentBytes: 0,
		isKernelThread: false,
		key: '',
		processor: undefined,
	};
}

export function createProcfsSource(options: ProcfsOptions = {}): Source {
	const procRoot = options.procRoot ?? '/proc';
	const passwdPath = options.passwdPath ?? '/etc/passwd';
	const {clockTicks, pageSize} = options.constants ?? readMachineConstants(procRoot);
	const reader = createReader();
	const readBytes = reader.readPath;
	const kept = createKeptFiles(reader, keptStatFileCap(procRoot), name => `${procRoot}/${name}/stat`);

	let users: Map<number, string> | undefined;
	/** The identities seen on the last read, by pid. */
	const identities = new Map<number, Identity>();
	const scan = newStatScan();
	let reads = 0;
	/** The next read() leaves command lines and owners to fillDeferred() (deferDetails()). */
	let deferNext = false;

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

	/** The owner of /proc/<pid> (as htop reads it), through the stat file held open when there is one (no path walk). */
	function ownerOf(pid: number, name: string): number | undefined {
		try {
			const held = kept.fdOf(name);
			// fs.Stats numbers come out of a Float64Array: `whole` keeps the rows' uid unboxed.
			return whole(held === undefined ? statSync(`${procRoot}/${pid}`).uid : fstatSync(held).uid);
		} catch {
			return undefined;
		}
	}

	/**
	 * A first sight of (pid, start time), or an exec() (same identity, new comm): command line and
	 * owner read again, unless this read defers them.
	 */
	function describe(bytes: Buffer, name: string, known: Identity | undefined, isKernelThread: boolean, defer: boolean): Identity {
		// Everything taken from the stat bytes first: they sit in the reader's one buffer, which the
		// command line's read below overwrites.
		const processName = sanitize(decodeUtf8(bytes.subarray(scan.commStart, scan.commEnd)));
		const commBytes = latin1(bytes, scan.commStart, scan.commEnd);
		const startTicks = known?.startTicks ?? latin1(bytes, scan.startStart, scan.startEnd);
		const identity: Identity = {
			key: known?.key ?? `${scan.pid}:${startTicks}`,
			startTicks,
			// A plain ASCII name's bytes are its text: one string for both, not two per identity.
			commBytes: commBytes === processName ? processName : commBytes,
			name: processName,
			command: '',
			row: known?.row ?? newRow(),
			seen: reads,
			deferred: defer,
		};
		if (!defer) readDetails(identity, scan.pid, name, isKernelThread);
		else {
			identity.row.uid = undefined;
			identity.row.user = '';
		}
		return identity;
	}

	/**
	 * An identity's command line and owner. A kernel thread has no command line: its file is not
	 * even opened (kernel threads are often a third of a desktop's processes, and a kworker's name
	 * changes as it takes on work, which describes it again).
	 */
	function readDetails(identity: Identity, pid: number, name: string, isKernelThread: boolean): void {
		const cmdline = isKernelThread ? undefined : readBytes(`${procRoot}/${pid}/cmdline`);
		identity.command = cmdline ? sanitizeArgv(cmdline) : '';
		const uid = ownerOf(pid, name);
		const {row} = identity;
		row.uid = uid;
		row.user = userName(uid);
		row.command = isKernelThread ? '' : identity.command;
		identity.deferred = false;
	}

	/**
	 * Reads what the last read deferred, for these pids (every deferred identity when absent), and
	 * returns the rows it completed: the same objects the read returned, now with command and user.
	 */
	function fillDeferred(pids?: Iterable<number>): RawProcess[] {
		const filled: RawProcess[] = [];
		const fill = (identity: Identity | undefined, pid: number) => {
			if (!identity?.deferred) return;
			readDetails(identity, pid, String(pid), identity.row.isKernelThread);
			filled.push(identity.row);
		};
		if (pids) for (const pid of pids) fill(identities.get(pid), pid);
		else identities.forEach(fill);
		return filled;
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
		reads++;
		const defer = deferNext;
		deferNext = false;
		let entries: string[];
		try {
			entries = await listEntries(procRoot);
		} catch (error) {
			throw new ProcUnavailableError(procRoot, error);
		}
		const processes: RawProcess[] = [];
		let garbled = 0;
		let sawInit = false;
		const slice = (options.slices ?? sliceTimer)();
		// Indexed, not for…of: once a tick this stays unoptimised, where an array iterator allocates per step.
		for (let index = 0; index < entries.length; index++) {
			const entry = entries[index]!;
			const first = entry.charCodeAt(0);
			if (first < 48 || first > 57) continue; // not a pid directory
			// Let keys and timers in between slices: at 10,000 processes one unbroken walk holds
			// the event loop for ~100 ms or more, which is how long a key press would wait.
			if (slice.due()) {
				await new Promise(resolve => setImmediate(resolve));
				slice.restart();
			}
			const length = kept.readInto(entry);
			if (length < 0) continue; // vanished between readdir and read: skip silently
			const bytes = reader.buffer;
			if (!scanStat(bytes, length, withProcessor, scan)) {
				garbled++;
				continue;
			}
			if (scan.pid === 1) sawInit = true;
			let identity = identities.get(scan.pid);
			// A pid reused by a new process is a new identity; exec() keeps (pid, starttime) but changes comm.
			if (identity && !sameLatin1(bytes, scan.startStart, scan.startEnd, identity.startTicks)) identity = undefined;
			const isKernelThread = (scan.flags & PF_KTHREAD) !== 0;
			if (!identity || !sameLatin1(bytes, scan.commStart, scan.commEnd, identity.commBytes)) {
				identity = describe(bytes, entry, identity, isKernelThread, defer);
				identities.set(scan.pid, identity);
			} else if (identity.deferred) readDetails(identity, scan.pid, entry, isKernelThread);
			identity.seen = reads;
			const row = identity.row;
			row.pid = scan.pid;
			row.ppid = scan.ppid;
			row.pgrp = scan.pgrp;
			row.session = scan.session;
			row.tty = scan.tty;
			row.flags = scan.flags;
			row.state = String.fromCharCode(scan.state) as RawProcess['state'];
			row.name = identity.name;
			row.command = isKernelThread ? '' : identity.command;
			row.cpuTicks = scan.utime + scan.stime;
			row.systemTicks = scan.stime;
			row.priority = scan.priority;
			row.nice = scan.nice;
			row.threads = scan.threads;
			row.startTicks = identity.startTicks;
			row.virtualBytes = scan.vsize;
			row.residentBytes = Math.max(0, scan.rss) * pageSize;
			row.isKernelThread = isKernelThread;
			row.key = identity.key;
			row.processor = scan.processor >= 0 ? scan.processor : undefined;
			processes.push(row);
		}
		// forEach: no [key, value] pair allocated per process per tick, as for…of would.
		identities.forEach((identity, pid) => {
			if (identity.seen !== reads) identities.delete(pid);
		});
		kept.closeUnlisted();
		const procStat = readBytes(`${procRoot}/stat`);
		const cpus = procStat ? parseProcStat(procStat.toString('latin1')).cores : undefined;
		const meminfo = readBytes(`${procRoot}/meminfo`);
		const memoryTotalBytes = meminfo ? parseMeminfo(meminfo.toString('latin1'), MEM_TOTAL).get('MemTotal') : undefined;
		return {processes, garbled, limited: !sawInit && processes.length > 0, cpus, memoryTotalBytes};
	}

	function dispose() {
		kept.closeAll();
	}

	function want(fields: {processor: boolean}) {
		withProcessor = fields.processor;
	}

	function deferDetails() {
		deferNext = true;
	}

	return {name: 'procfs', cpuKind: 'delta', clockTicks, bootTimeMs: boot, read, want, dispose, deferDetails, fillDeferred};
}
