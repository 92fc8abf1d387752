// The real procfs reader against fixture trees (test/fixtures/proc/<scenario>) and builder trees.
import fs, {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {syncBuiltinESMExports} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {createProcfsSource, keptStatFileCap, MAX_KEPT_STAT_FILES, ProcUnavailableError} from '../../source/platform/linux/procfs.js';
import {createSampler} from '../../source/sampling/sampler.js';
import {type FakeProc, fakeClock, statLine, writePasswd, writeProcTree} from '../helpers/proc-builder.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'proc', name);
const UNSAFE = /[\u0000-\u001f\u007f-\u009f]/u;

describe('procfs source on fixture trees', () => {
	test('two ticks from two fixtures give known CPU% and MEM%', async () => {
		const clock = fakeClock();
		// One /proc root whose contents move from tick1 to tick2, as the real one would.
		const root = mkdtempSync(join(tmpdir(), 'proctop-ticks-'));
		cpSync(fixture('two-ticks/tick1'), root, {recursive: true});
		const sampler = createSampler({source: createProcfsSource({procRoot: root}), clock, cores: 2});
		const first = await sampler.sample();
		expect(first.processes.find(p => p.pid === 100)!.cpuPercent).toBeNull();
		// In place, as procfs changes: the reader may hold stat files open between ticks.
		for (const file of readdirSync(fixture('two-ticks/tick2'), {recursive: true, withFileTypes: true})) {
			if (!file.isFile()) continue;
			const relative = join(file.parentPath, file.name).slice(fixture('two-ticks/tick2').length);
			writeFileSync(join(root, relative), readFileSync(join(fixture('two-ticks/tick2'), relative)));
		}
		clock.advance(1000);
		const snapshot = await sampler.sample();
		const busy = snapshot.processes.find(p => p.pid === 100)!;
		expect(busy.cpuPercent).toBe(75);
		expect(snapshot.processes.find(p => p.pid === 101)!.cpuPercent).toBe(0);
		// 2500 pages × 4096 B ÷ (1,000,000 KiB × 1024) = 1%.
		expect(busy.memoryPercent).toBeCloseTo((2500 * 4096 * 100) / (1_000_000 * 1024), 5);
		expect(busy.command).toBe('/usr/bin/busy --spin');
		expect(busy.threads).toBe(4);
		expect(snapshot.cpuPercentPerCore).toEqual([50, 50]);
		expect(snapshot.counts).toMatchObject({total: 6, running: 1, zombie: 1, idle: 1});
		rmSync(root, {recursive: true, force: true});
	});

	test('kernel threads are told by PF_KTHREAD, not by their name', async () => {
		const table = await createProcfsSource({procRoot: fixture('two-ticks/tick1')}).read();
		expect(table.processes.find(p => p.pid === 40)).toMatchObject({isKernelThread: true, command: ''});
		expect(table.processes.find(p => p.pid === 2)!.isKernelThread).toBe(true);
		const awkward = await createProcfsSource({procRoot: fixture('awkward-names')}).read();
		expect(awkward.processes.find(p => p.pid === 205)).toMatchObject({isKernelThread: false, name: '[kworker/0:1]'});
	});

	test("a kernel thread's command line is not even opened", async () => {
		// Watching the source's opens: fs.openSync wrapped, and the named imports of node:fs re-bound to it.
		const opened: string[] = [];
		const original = fs.openSync;
		fs.openSync = ((path: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode | null) => {
			opened.push(String(path));
			return original(path, flags, mode);
		}) as typeof fs.openSync;
		syncBuiltinESMExports();
		try {
			await createProcfsSource({procRoot: fixture('two-ticks/tick1')}).read();
		} finally {
			fs.openSync = original;
			syncBuiltinESMExports();
		}
		expect(opened.filter(path => path.endsWith('/100/stat'))).toHaveLength(1);
		expect(opened.filter(path => path.endsWith('/100/cmdline'))).toHaveLength(1);
		// pids 2 and 40 have PF_KTHREAD: their stat files are read, their command lines are not.
		expect(opened.filter(path => /\/(2|40)\/stat$/.test(path))).toHaveLength(2);
		expect(opened.filter(path => /\/(2|40)\/cmdline$/.test(path))).toEqual([]);
	});

	test('awkward names keep every field right and reach us sanitized', async () => {
		const table = await createProcfsSource({procRoot: fixture('awkward-names')}).read();
		const byPid = new Map(table.processes.map(p => [p.pid, p]));
		expect(byPid.get(200)).toMatchObject({name: '(sd-pam)', ppid: 1, cpuTicks: 7});
		expect(byPid.get(201)).toMatchObject({name: 'a test', cpuTicks: 8});
		expect(byPid.get(202)).toMatchObject({name: 'evil) x', cpuTicks: 9, command: 'evil x'});
		expect(byPid.get(203)).toMatchObject({name: 'a) b\\e[31mX', ppid: 1, cpuTicks: 10, state: 'S'});
		expect(byPid.get(203)!.command).toBe('\\e]52;c;cHduZWQ=\\x07 \\e[2J \\x9b');
		expect(byPid.get(204)!.name).toBe('\\xff\\xfeA'); // invalid UTF-8 shown as its bytes
		expect(byPid.get(206)!.name).toBe('abcdefghijklmno');
		expect(byPid.get(207)).toMatchObject({name: 'sleep (2) .sh', cpuTicks: 14});
		for (const process of table.processes) {
			expect(process.name).not.toMatch(UNSAFE);
			expect(process.command).not.toMatch(UNSAFE);
		}
	});

	test('garbled and truncated stat lines are dropped and counted; a pid without stat is skipped', async () => {
		const table = await createProcfsSource({procRoot: fixture('garbled')}).read();
		expect(table.processes.map(p => p.pid).sort((a, b) => a - b)).toEqual([1, 300, 301]);
		expect(table.garbled).toBe(2);
		for (const process of table.processes) expect(Number.isNaN(process.cpuTicks)).toBe(false);
	});

	test('hidepid: without pid 1 the table says it is limited; parents are missing', async () => {
		const table = await createProcfsSource({procRoot: fixture('hidepid')}).read();
		expect(table.limited).toBe(true);
		expect(table.processes.map(p => p.pid)).toEqual([300, 301]);
		expect((await createProcfsSource({procRoot: fixture('two-ticks/tick1')}).read()).limited).toBe(false);
	});

	test('a missing /proc is one clear fatal error', async () => {
		const source = createProcfsSource({procRoot: '/nonexistent/proc'});
		await expect(source.read()).rejects.toThrow(ProcUnavailableError);
		await expect(source.read()).rejects.toThrow(/\/nonexistent\/proc is not available \(ENOENT\)/);
	});
});

describe('procfs source on builder trees', () => {
	let proc: FakeProc | undefined;
	afterEach(() => proc?.cleanup());

	test('cmdline is read once per identity and again after exec (comm change) or pid reuse', async () => {
		proc = writeProcTree([
			{pid: 1, comm: 'init', ppid: 0, starttime: 1},
			{pid: 50, comm: 'app', starttime: 77, cmdline: 'app\0v1\0'},
		]);
		const source = createProcfsSource({procRoot: proc.root});
		const commandOf = async () => (await source.read()).processes.find(p => p.pid === 50)!.command;
		expect(await commandOf()).toBe('app v1');
		writeFileSync(join(proc.root, '50', 'cmdline'), 'app\0v2\0');
		expect(await commandOf()).toBe('app v1'); // cached: same identity, same comm
		writeFileSync(join(proc.root, '50', 'stat'), statLine({pid: 50, comm: 'app2', starttime: 77}));
		expect(await commandOf()).toBe('app v2'); // exec changed comm
		writeFileSync(join(proc.root, '50', 'cmdline'), 'other\0');
		writeFileSync(join(proc.root, '50', 'stat'), statLine({pid: 50, comm: 'app2', starttime: 99}));
		expect(await commandOf()).toBe('other'); // pid reused: new identity
	});

	test('a known process keeps its one row, rewritten by each read; a non-ASCII comm is still the same identity', async () => {
		proc = writeProcTree([
			{pid: 1, comm: 'init', ppid: 0, starttime: 1},
			{pid: 70, comm: 'café', starttime: 8, utime: 1, cmdline: 'cafe\0--x\0'},
		]);
		const source = createProcfsSource({procRoot: proc.root});
		const first = (await source.read()).processes.find(p => p.pid === 70)!;
		expect(first).toMatchObject({name: 'café', command: 'cafe --x', cpuTicks: 1, key: '70:8'});
		writeFileSync(join(proc.root, '70', 'stat'), statLine({pid: 70, comm: 'café', starttime: 8, utime: 5, state: 'R'}));
		writeFileSync(join(proc.root, '70', 'cmdline'), 'changed\0');
		const second = (await source.read()).processes.find(p => p.pid === 70)!;
		expect(second).toBe(first);
		// Same comm bytes: not taken for an exec, so the command line is not read again.
		expect(second).toMatchObject({name: 'café', command: 'cafe --x', cpuTicks: 5, state: 'R', key: '70:8'});
	});

	test('a pid that vanishes between ticks is simply gone; the next tick is normal', async () => {
		proc = writeProcTree([
			{pid: 1, comm: 'init', ppid: 0, starttime: 1},
			{pid: 60, comm: 'brief', starttime: 5},
		]);
		const source = createProcfsSource({procRoot: proc.root});
		expect((await source.read()).processes).toHaveLength(2);
		rmSync(join(proc.root, '60'), {recursive: true});
		const table = await source.read();
		expect(table.processes.map(p => p.pid)).toEqual([1]);
		expect(table.garbled).toBe(0);
	});

	test('a deferring read leaves command lines and owners to fillDeferred: the pids asked for, then the rest', async () => {
		proc = writeProcTree([
			{pid: 1, comm: 'init', ppid: 0, starttime: 1, cmdline: '/sbin/init\0'},
			{pid: 60, comm: 'shown', starttime: 5, cmdline: 'shown\0--on-screen\0'},
			{pid: 61, comm: 'rest', starttime: 6, cmdline: 'rest\0--below\0'},
		]);
		const passwd = writePasswd(proc);
		const source = createProcfsSource({procRoot: proc.root, passwdPath: passwd});
		source.deferDetails!();
		const rows = (await source.read()).processes.sort((a, b) => a.pid - b.pid);
		const row = (pid: number) => rows.find(candidate => candidate.pid === pid)!;
		// Everything stat gives is there; command line and owner are not read yet.
		expect(rows.map(({pid, name, command, user, uid}) => ({pid, name, command, user, uid}))).toEqual([
			{pid: 1, name: 'init', command: '', user: '', uid: undefined},
			{pid: 60, name: 'shown', command: '', user: '', uid: undefined},
			{pid: 61, name: 'rest', command: '', user: '', uid: undefined},
		]);
		// The rows on screen first: only those are read, and the rows returned are the read's own objects.
		const filled = source.fillDeferred!([60]);
		expect(filled).toEqual([row(60)]);
		expect(filled[0]).toBe(row(60));
		expect(row(60)).toMatchObject({command: 'shown --on-screen', user: 'someone', uid: process.getuid!()});
		expect(row(61).command).toBe('');
		// Then every one still deferred, once.
		expect(
			source.fillDeferred!()
				.map(filledRow => filledRow.pid)
				.sort((a, b) => a - b),
		).toEqual([1, 61]);
		expect(row(61)).toMatchObject({command: 'rest --below', user: 'someone'});
		expect(source.fillDeferred!()).toEqual([]);
		// Only the one read defers: a new process on the next read is read whole.
		writeProcTree([{pid: 62, comm: 'late', starttime: 9, cmdline: 'late\0'}], {root: proc.root});
		expect((await source.read()).processes.find(candidate => candidate.pid === 62)).toMatchObject({command: 'late', user: 'someone'});
	});

	test('what a deferring read left out and nobody filled, the next read reads', async () => {
		proc = writeProcTree([
			{pid: 1, comm: 'init', ppid: 0, starttime: 1},
			{pid: 70, comm: 'worker', starttime: 5, cmdline: 'worker\0-j4\0'},
		]);
		const source = createProcfsSource({procRoot: proc.root});
		source.deferDetails!();
		expect((await source.read()).processes.find(row => row.pid === 70)!.command).toBe('');
		const second = (await source.read()).processes.find(row => row.pid === 70)!;
		expect(second.command).toBe('worker -j4');
		expect(second.uid).toBe(process.getuid!());
	});

	test('user names come from passwd with a numeric fallback', async () => {
		proc = writeProcTree([{pid: 1, comm: 'init', ppid: 0, starttime: 1}]);
		const passwd = writePasswd(proc);
		expect((await createProcfsSource({procRoot: proc.root, passwdPath: passwd}).read()).processes[0]!.user).toBe('someone');
		writeFileSync(passwd, 'nobody:x:65534:65534::/:/bin/sh\n');
		expect((await createProcfsSource({procRoot: proc.root, passwdPath: passwd}).read()).processes[0]!.user).toBe(String(process.getuid!()));
	});

	test('10,000 processes with a deep chain read without error', async () => {
		const processes = Array.from({length: 10_000}, (_, index) => ({pid: index + 1, comm: `p${index}`, ppid: index, starttime: index + 1}));
		proc = writeProcTree(processes);
		mkdirSync(join(proc.root, 'self'), {recursive: true});
		const table = await createProcfsSource({procRoot: proc.root}).read();
		expect(table.processes).toHaveLength(10_000);
	});
});

test('stat files kept open between ticks stay under this process’s open-file limit, leaving 1,024 free', () => {
	const root = mkdtempSync(join(tmpdir(), 'proctop-limits-'));
	mkdirSync(join(root, 'self'));
	const limitsWith = (soft: string) =>
		writeFileSync(
			join(root, 'self', 'limits'),
			`Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft}                524288               files\n`,
		);
	try {
		expect(keptStatFileCap(root)).toBe(MAX_KEPT_STAT_FILES); // no limits file: the cap alone
		limitsWith('1024');
		expect(keptStatFileCap(root)).toBe(0);
		limitsWith('4096');
		expect(keptStatFileCap(root)).toBe(3072);
		limitsWith('524288');
		expect(keptStatFileCap(root)).toBe(MAX_KEPT_STAT_FILES);
		limitsWith('unlimited');
		expect(keptStatFileCap(root)).toBe(MAX_KEPT_STAT_FILES);
	} finally {
		rmSync(root, {recursive: true, force: true});
	}
});
