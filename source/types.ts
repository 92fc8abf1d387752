// Shared data shapes that cross module boundaries (types only, no code).

/** One-letter process state as /proc/<pid>/stat reports it (R, S, D, Z, T, t, I, X, …). */
export type ProcessState = string;

/** What a Source delivers for one process on one tick, before any maths. */
export type RawProcess = {
	pid: number;
	ppid: number;
	pgrp: number;
	session: number;
	tty: number;
	/** Kernel task flags (PF_*). */
	flags: number;
	state: ProcessState;
	/** Short name (comm), already sanitized. */
	name: string;
	/** Full command line joined with spaces, already sanitized; '' for kernel threads and zombies. */
	command: string;
	uid: number | undefined;
	user: string;
	/** CPU time spent in user + kernel mode, in clock ticks (never children's time). */
	cpuTicks: number;
	/** The kernel-mode part of cpuTicks (stime); 0 where the platform does not split them. */
	systemTicks: number;
	priority: number;
	nice: number;
	threads: number;
	/** Start time in clock ticks after boot, as the raw decimal text (identity, no precision loss). */
	startTicks: string;
	virtualBytes: number;
	residentBytes: number;
	isKernelThread: boolean;
	/** The CPU it last ran on, read only while the CPU column is shown (Source.want). */
	processor?: number;
	/** Identity text `pid:startTicks`, from a source that keeps one per process (procfs): the same
	 * string every tick, instead of a new one per process per tick. Others leave it to the sampler. */
	key?: string;
	/** Only for sources that report CPU% themselves (ps-list: `ps`'s lifetime average). */
	reportedCpuPercent?: number;
	reportedMemoryPercent?: number;
};

/** One thread (task) as read on one tick, before any maths (read only while threads are shown). */
export type RawThread = {
	tid: number;
	/** The process (thread group) it belongs to. */
	pid: number;
	/** Its own name (comm: a thread may rename itself), sanitized. */
	name: string;
	state: ProcessState;
	cpuTicks: number;
	systemTicks: number;
	priority: number;
	nice: number;
	startTicks: string;
	/** `tid:startTicks`: the same string every tick. */
	key: string;
	/** The CPU it last ran on. */
	processor?: number;
};

/** What a thread reader needs of a process to know whether to list its tasks. */
export type ThreadOwner = {pid: number; threads: number; isKernelThread: boolean};

/** Per-core cumulative CPU times from /proc/stat, in clock ticks. */
export type CpuTimes = {busy: number; total: number};

/** One full reading of the process table from a Source. */
export type SourceTable = {
	processes: RawProcess[];
	/** Rows dropped because their stat line could not be parsed. */
	garbled: number;
	/** True when the process table is visibly incomplete (hidepid: pid 1 is not listed). */
	limited: boolean;
	/** Per-core CPU counters, when the platform exposes them. */
	cpus?: CpuTimes[];
	/** Physical memory in bytes, used for MEM%. */
	memoryTotalBytes?: number;
};

export type CpuKind = 'delta' | 'reported';

/** Reads the process table. Implementations: procfs (Linux), ps-list (elsewhere). */
export type Source = {
	readonly name: 'procfs' | 'ps-list' | 'remote';
	readonly cpuKind: CpuKind;
	/** Clock ticks per second (CLK_TCK) for converting cpuTicks/startTicks. */
	readonly clockTicks: number;
	/** Boot time in ms since the epoch, to turn startTicks into a date. */
	readonly bootTimeMs: number;
	read(): Promise<SourceTable>;
	/** Asks the next reads for fields that cost more to parse, while a column shows them (procfs: the processor). */
	want?(fields: {processor: boolean}): void;
	/** Releases anything held between reads (open files). */
	dispose?(): void;
	/**
	 * The next read leaves out what costs a file read per new process (procfs: command line and
	 * owner; its rows then have '' for both), so that the first frame is not kept waiting for
	 * thousands of them. `fillDeferred` reads them; a later read fills whatever is still left.
	 */
	deferDetails?(): void;
	/** Reads what the last read deferred, for these pids (all when absent); the rows it completed. */
	fillDeferred?(pids?: Iterable<number>): RawProcess[];
};

/** A process as the rest of the app sees it: one tick's reading plus derived figures. */
export type ProcessSample = RawProcess & {
	/** Identity: `${pid}:${startTicks}`. A reused pid is a different key. */
	key: string;
	/** CPU% of one core over the last interval (delta) or as the source reports it; null on first sight. */
	cpuPercent: number | null;
	memoryPercent: number;
	/** Total CPU time in seconds. */
	cpuSeconds: number;
	/** Start time in ms since the epoch. */
	startTimeMs: number;
	/** The parent exited while we watched and this process was reparented. */
	isOrphan: boolean;
	/** What it is, in a few words (`my-api › server.js`); set by the identify stage, '' before. */
	app: string;
	/** The systemd unit, container or pod it runs in, from its cgroup; '' when none. */
	service: string;
	/** The listening TCP and bound UDP sockets it holds (empty when none or unknown). */
	ports: readonly Listener[];
	/** CPU% over its last ticks (NaN: not yet measured); set while history is on. */
	recentCpu?: RecentValues;
	/**
	 * Storage bytes per second read and written over the last interval (/proc/<pid>/io), measured
	 * only while an I/O column is shown: undefined until two readings, null when it cannot be read.
	 */
	ioReadRate?: number | null;
	ioWriteRate?: number | null;
	/** Why its I/O cannot be read (`EACCES`: another user's process), for the details view. */
	ioUnreadable?: string;
	/** Its cgroup path (the unified hierarchy's), set with SERVICE by the identify stage; '' when none. */
	cgroup?: string;
	/** The kernel's OOM-killer score, 0–1000 (read only while its column is shown; null: unreadable). */
	oomScore?: number | null;
	/** Resident memory shared with other processes or backed by files, bytes (SHR; only while shown; null: unreadable). */
	sharedBytes?: number | null;
	/** Swap, context switches and open fds, read only while one of their columns is shown. */
	resources?: ProcessResources;
	/** Set on a thread's row (H, --threads): the pid of the process it belongs to (its `pid` is the tid). */
	threadOf?: number;
};

/** One reading of /proc/<pid>/io: the storage byte counters, or why there are none. */
export type IoReading = {readBytes: number; writeBytes: number} | {unreadable: string};

/**
 * The last few values of a series as a circular buffer: `count` values from `start` on, wrapping
 * at `values.length` (model/sparkline.ts `inOrder` reads them oldest first). A buffer, not an
 * array, so that keeping them costs no allocation per process per tick.
 */
export type RecentValues = {readonly values: ArrayLike<number>; readonly start: number; readonly count: number};

/**
 * What a process uses beyond its stat line (for the exporter): each field undefined when it could
 * not be read (another user's io and fds without root; a process that exited), never 0.
 */
export type ProcessResources = {
	swapBytes?: number;
	voluntarySwitches?: number;
	involuntarySwitches?: number;
	/** Bytes fetched from / sent to storage (/proc/<pid>/io read_bytes, write_bytes). */
	readBytes?: number;
	writeBytes?: number;
	openFds?: number;
	/** The soft RLIMIT_NOFILE; undefined when unlimited or unknown. */
	fdLimit?: number;
};

/** A listening TCP or bound UDP socket. */
export type Listener = {protocol: 'tcp' | 'udp'; address: string; port: number};

/** The nearest package.json with a name: its name and directory. */
export type PackageInfo = {name: string; dir: string};

/**
 * What identifying a process may read, per process identity (never every tick). Linux reads
 * /proc and the container runtimes' files; elsewhere there is less, and what is absent is unknown.
 */
export type Inspector = {
	/** The command line's arguments one by one, sanitized. */
	argv(pid: number): string[] | undefined;
	cwd(pid: number): string | undefined;
	packageNear(dir: string): PackageInfo | undefined;
	/** The raw text of /proc/<pid>/cgroup. */
	cgroup?(pid: number): string | undefined;
	containerName?(runtime: 'docker' | 'podman', id: string): string | undefined;
	/** A pod's `namespace/name` from its uid. */
	podName?(uid: string): string | undefined;
	/** Every listening socket by inode (costly: the kernel walks its connection tables). */
	listening?(): Map<string, Listener>;
	/** A cheap text that changes when sockets come or go (the counters of /proc/net/sockstat). */
	socketsToken?(): string | undefined;
	/** The socket inodes a process holds; 'denied' when its fds are not ours to read. */
	socketsOf?(pid: number): string[] | 'denied' | undefined;
};

export type StateCounts = {
	total: number;
	running: number;
	sleeping: number;
	diskWait: number;
	stopped: number;
	zombie: number;
	idle: number;
	threads: number;
	/** Kernel threads (PF_KTHREAD), counted among `total`; the UI hides them by default, as htop. */
	kernelThreads: number;
};

export type ExitedProcess = {key: string; pid: number; name: string; command: string};

export type Changes = {
	appeared: string[];
	exited: ExitedProcess[];
	/** Keys whose ppid changed since the last tick. */
	reparented: string[];
};

/** Everything one tick of the sampler produces. */
export type Snapshot = {
	/** Wall-clock time of the reading, ms since the epoch. */
	takenAt: number;
	/** Monotonic ms since the previous tick (0 on the first). */
	elapsedMs: number;
	cpuKind: CpuKind;
	processes: ProcessSample[];
	counts: StateCounts;
	changes: Changes;
	garbled: number;
	limited: boolean;
	/** Listening sockets whose holder this user cannot see (another user's process, without root). */
	unseenListeners: readonly Listener[];
	/** Per-core busy % over the last interval (empty when unknown). */
	cpuPercentPerCore: number[];
	cores: number;
	/** The threads of its processes, read only while they are shown (H, --threads); absent otherwise. */
	threads?: ProcessSample[];
};

/** A process that exited while proctop watched: what it was, when it ended, its peaks. */
export type ExitedRecord = {
	key: string;
	pid: number;
	name: string;
	app: string;
	command: string;
	startTimeMs: number;
	/** The first tick it was missing from. */
	endedAt: number;
	peakCpuPercent: number;
	peakResidentBytes: number;
	/** The last signal proctop sent it, when it sent one: how it (probably) ended. */
	signalledWith?: string;
};

/** One process's CPU% and resident bytes tick by tick, oldest first (NaN where unknown). */
export type ProcessSeries = {takenAt: number[]; cpuPercent: number[]; residentBytes: number[]};

/**
 * Remembered ticks, numbered: the live history ring (history/ring.ts) or a recording being
 * replayed (recording/replay.ts). The UI steps through either the same way.
 */
export type HistoryView = {
	/** The oldest and newest tick numbers kept, or undefined when none. */
	range(): {oldest: number; newest: number} | undefined;
	at(seq: number): {snapshot: Snapshot; system: SystemSample | undefined} | undefined;
	takenAt(seq: number): number | undefined;
	/** Processes that exited (before tick `until`, default the newest), the most recent first. */
	exited(until?: number): ExitedRecord[];
	seriesOf(key: string, until?: number): ProcessSeries;
	/** The last tick taken at or before `ms` (the first tick when `ms` is earlier). */
	seqAt?(ms: number): number | undefined;
	/** Total CPU% (mean of the cores) and memory used (fraction of total) for the `count` ticks up to `until`, oldest first. */
	machineSeries?(count: number, until?: number): {cpuPercent: number[]; memoryUsed: number[]};
	/** The header meters read beside the live tick taken at `takenAt`. */
	noteSystem?(takenAt: number, system: SystemSample): void;
	/** proctop sent this process a signal (the exited list says so if it then ends). */
	noteSignal?(key: string, signal: string): void;
};

/** Header meters, from systeminformation (or /proc where cheaper). */
export type SystemSample = {
	hostname: string;
	/** used = total − available (as free(1)); buffers and page cache where the platform says (Linux). */
	memory: {totalBytes: number; usedBytes: number; availableBytes: number; buffersBytes?: number; cachedBytes?: number};
	swap: {totalBytes: number; usedBytes: number};
	uptimeSeconds: number;
	loadAverage: [number, number, number];
};

/** Everything the command line decides; produced by flags.ts, read by cli.tsx and the UI. */
export type Options = {
	/** Refresh interval in milliseconds. */
	intervalMs: number;
	sort: import('./model/sort.js').SortKeyId;
	tree: boolean;
	/** --threads: threads listed as rows (the UI starts with H on; --once), `threadList` in --json. */
	threads: boolean;
	/** --mouse / --no-mouse (else the settings file's "mouse"): mouse reporting in the UI; undefined: not said. */
	mouse?: boolean;
	/** --theme (or the settings file): colours for a dark or light terminal, or none. */
	theme: import('./ui/themes.js').Theme;
	/** --columns: the table's columns in this order; undefined: the default set. */
	columns?: readonly import('./model/columns.js').ColumnId[];
	filter: string;
	user: string | undefined;
	once: boolean;
	json: boolean;
	watch: boolean;
	/** Stop after this many updates (batch modes); undefined = forever. */
	count: number | undefined;
	color: boolean;
	/** No signals or renice: a monitor that can only look. */
	readonly: boolean;
	/** Show only these pids (--pid 1,2,3); undefined = all. */
	pids: readonly number[] | undefined;
	/** Interactive picker: Enter prints the selected or tagged pids to stdout and exits. */
	pick: boolean;
	/** Options the command line set explicitly; remembered settings fill in the rest. */
	explicit: ReadonlyArray<'sort' | 'tree' | 'intervalMs' | 'theme'>;
	/** `--history`: how long the UI remembers past ticks ({ and }); ms 0 = off. */
	history: {ms: number; label: string};
	/** `--record FILE`: append every tick to this recording. */
	record?: string;
	/** `--replay FILE`: show this recording instead of the live machine (read-only). */
	replay?: string;
	/** `--at TIME` with `--replay --json`: the moment to print, as typed. */
	at?: string;
	/** `--connect URL`: another machine's `proctop --serve`, read-only. */
	connect?: {url: string; tokenFile: string | undefined};
	/** `--serve`: Prometheus metrics over HTTP, beside the UI or headless. */
	serve?: {host: string; port: number; tokenFile: string | undefined; topK: number; groupBy: 'app' | 'comm'};
	/** `--kill :PORT…`: stop what listens on these ports, then exit; undefined = the monitor. */
	kill?: {ports: readonly number[]; timeoutMs: number; force: boolean};
};
