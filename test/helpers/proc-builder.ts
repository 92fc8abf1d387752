// Test edge: writes fake /proc trees (stat lines from named fields, cmdline, meminfo, /proc/stat)
// into a directory, so the real procfs reader can run against known input.

import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export type StatFields = {
	pid: number;
	/** Raw comm bytes or text; written between '(' and ')' unescaped, as the kernel does. */
	comm: string | Buffer;
	state?: string;
	ppid?: number;
	pgrp?: number;
	session?: number;
	tty?: number;
	flags?: number;
	utime?: number | string;
	stime?: number | string;
	priority?: number;
	nice?: number;
	threads?: number;
	starttime?: number | string;
	vsize?: number | string;
	rss?: number;
	/** Field 39: the CPU it last ran on. */
	processor?: number;
};

/** A /proc/<pid>/stat line with all 52 fields, unknown ones zero. */
export function statLine(fields: StatFields): Buffer {
	const after = [
		fields.state ?? 'S',
		fields.ppid ?? 1,
		fields.pgrp ?? fields.pid,
		fields.session ?? fields.pid,
		fields.tty ?? 0,
		-1, // tpgid
		fields.flags ?? 0x40_0000,
		0,
		0,
		0,
		0, // minflt cminflt majflt cmajflt
		fields.utime ?? 0,
		fields.stime ?? 0,
		0,
		0, // cutime cstime: must never be added
		fields.priority ?? 20,
		fields.nice ?? 0,
		fields.threads ?? 1,
		0, // itrealvalue
		fields.starttime ?? 1000,
		fields.vsize ?? 10_000_000,
		fields.rss ?? 100,
		// Fields 25 to 52; the 15th of them is field 39, the processor.
		...Array.from({length: 28}, (_, index) => (index === 14 ? (fields.processor ?? 0) : 0)),
	].join(' ');
	const comm = typeof fields.comm === 'string' ? Buffer.from(fields.comm) : fields.comm;
	return Buffer.concat([Buffer.from(`${fields.pid} (`), comm, Buffer.from(`) ${after}\n`)]);
}

/** `tasks`: its threads' stat lines, written to <pid>/task/<tid>/stat (the main thread among them). */
export type FakeProcess = StatFields & {cmdline?: string | Buffer; uid?: number; tasks?: StatFields[]};

export type FakeProc = {root: string; cleanup(): void};

/** Builds a fake procfs in a new temp dir (or `root`). */
export function writeProcTree(
	processes: readonly FakeProcess[],
	options: {root?: string; memTotalKiB?: number; cpuLines?: string[]; btime?: number} = {},
): FakeProc {
	const root = options.root ?? mkdtempSync(join(tmpdir(), 'proctop-proc-'));
	mkdirSync(root, {recursive: true});
	for (const process of processes) {
		const dir = join(root, String(process.pid));
		mkdirSync(dir, {recursive: true});
		writeFileSync(join(dir, 'stat'), statLine(process));
		writeFileSync(join(dir, 'cmdline'), process.cmdline ?? '');
		for (const task of process.tasks ?? []) {
			mkdirSync(join(dir, 'task', String(task.pid)), {recursive: true});
			writeFileSync(join(dir, 'task', String(task.pid), 'stat'), statLine(task));
		}
	}
	writeFileSync(
		join(root, 'meminfo'),
		`MemTotal:       ${options.memTotalKiB ?? 1_000_000} kB\nMemFree:          500000 kB\nMemAvailable:     600000 kB\nBuffers:           20000 kB\nCached:            90000 kB\nSwapTotal:        100000 kB\nSwapFree:          75000 kB\nShmem:             10000 kB\nSReclaimable:       5000 kB\n`,
	);
	const cpuLines = options.cpuLines ?? ['cpu  100 0 100 800 0 0 0 0 0 0', 'cpu0 50 0 50 400 0 0 0 0 0 0', 'cpu1 50 0 50 400 0 0 0 0 0 0'];
	writeFileSync(join(root, 'stat'), `${cpuLines.join('\n')}\nbtime ${options.btime ?? 1_700_000_000}\n`);
	return {root, cleanup: () => rmSync(root, {recursive: true, force: true})};
}

/** A passwd file beside the fake /proc that names this test's own uid `someone`; its path (procfs's passwdPath). */
export function writePasswd(proc: FakeProc): string {
	const path = join(proc.root, 'passwd');
	writeFileSync(path, `someone:x:${process.getuid!()}:0::/:/bin/sh\n`);
	return path;
}

/** A fake clock for the sampler: time moves only when the test says so. */
export function fakeClock(startMs = 0) {
	let now = startMs;
	return {
		monotonicMs: () => now,
		wallMs: () => 1_700_000_000_000 + now,
		advance(ms: number) {
			now += ms;
		},
		set(ms: number) {
			now = ms;
		},
	};
}
