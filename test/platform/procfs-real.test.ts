// The procfs reader and the sampler against the real /proc, with processes this test starts.
import {spawn} from 'node:child_process';
import {readdirSync, readFileSync, readlinkSync} from 'node:fs';
import {userInfo} from 'node:os';
import {describe, expect, test} from 'vitest';
import {buildForest, descendantKeys} from '../../source/model/tree.js';
import {FIRST_KEPT} from '../../source/platform/linux/proc-files.js';
import {createProcfsSource, keptStatFileCap} from '../../source/platform/linux/procfs.js';
import {createSampler} from '../../source/sampling/sampler.js';
import {cleanUpAfterAll} from '../helpers/cleanup.js';

const {groups: children} = cleanUpAfterAll();

const marker = `proctop-test-${process.pid}-${Date.now()}`;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe.runIf(process.platform === 'linux')('procfs source on the real /proc', () => {
	test('finds a spawned tree with the right ppid, command, user and state', async () => {
		// sh (parent) → node (child), both carrying a unique marker in argv.
		const parent = spawn('sh', ['-c', '"$1" -e "setInterval(() => {}, 1000)" "$2" & wait', marker, process.execPath, `${marker}-child`], {
			stdio: 'ignore',
			detached: true,
		});
		children.push(parent);
		await sleep(500);
		const source = createProcfsSource();
		const table = await source.read();
		const shell = table.processes.find(p => p.pid === parent.pid)!;
		expect(shell).toBeDefined();
		expect(shell.ppid).toBe(process.pid);
		expect(shell.command).toContain(marker);
		expect(shell.user).toBe(userInfo().username);
		expect(shell.uid).toBe(userInfo().uid);
		const child = table.processes.find(p => p.ppid === parent.pid)!;
		expect(child.name).toBe('node');
		expect(child.command).toBe(`${process.execPath} -e setInterval(() => {}, 1000) ${marker}-child`);
		expect(child.state).toBe('S');
		expect(child.isKernelThread).toBe(false);
		expect(table.limited).toBe(false);
		// The tree helpers agree: the sleep is a descendant of the shell.
		const forest = buildForest(table.processes.map(p => ({...p, key: `${p.pid}:${p.startTicks}`})));
		expect(descendantKeys(forest, `${shell.pid}:${shell.startTicks}`)).toContain(`${child.pid}:${child.startTicks}`);
		process.kill(-parent.pid!, 'SIGKILL');
	});

	test('a busy child shows the CPU% it got two samples apart (near 100 on an idle machine); a stopped one shows T', async () => {
		const busy = spawn(process.execPath, ['-e', 'for(;;){}', marker], {stdio: 'ignore'});
		children.push(busy);
		await sleep(200);
		const source = createProcfsSource();
		// What the child really got, read beside the sampler: with the rest of the suite running on
		// two cores a busy loop gets what the scheduler leaves it (seen: 58 %), not always ~100.
		const cpuSeconds = () => {
			const fields = readFileSync(`/proc/${busy.pid}/stat`, 'latin1').split(') ')[1]!.split(' ');
			return (Number(fields[11]) + Number(fields[12])) / source.clockTicks;
		};
		// Read as each table is read, where the sampler reads its clock: the test's window is then
		// the sampler's, however long a walk of the table takes (with 5,000 other processes, long
		// enough to put a window taken after sample() returns 15 points off).
		let atRead = {cpu: 0, at: 0};
		const read = source.read;
		source.read = async () => {
			const table = await read();
			atRead = {cpu: cpuSeconds(), at: performance.now()};
			return table;
		};
		const sampler = createSampler({source, cores: 2});
		await sampler.sample();
		const before = atRead;
		await sleep(1000);
		const snapshot = await sampler.sample();
		const got = ((atRead.cpu - before.cpu) / ((atRead.at - before.at) / 1000)) * 100;
		const sample = snapshot.processes.find(p => p.pid === busy.pid)!;
		expect(got).toBeGreaterThan(20);
		expect(sample.cpuPercent).toBeGreaterThan(got - 15);
		expect(sample.cpuPercent).toBeLessThan(got + 15);
		expect(sample.cpuPercent).toBeLessThanOrEqual(200);
		expect(sample.state).toBe('R');
		expect(sample.memoryPercent).toBeGreaterThan(0);
		busy.kill('SIGSTOP');
		await sleep(100);
		const stopped = (await sampler.sample()).processes.find(p => p.pid === busy.pid)!;
		expect(stopped.state).toBe('T');
		busy.kill('SIGKILL');
	});

	test('an exited child is reported as exited on the next tick', async () => {
		const brief = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', marker], {stdio: 'ignore'});
		children.push(brief);
		await sleep(300);
		const sampler = createSampler({source: createProcfsSource(), cores: 2});
		const before = await sampler.sample();
		const key = before.processes.find(p => p.pid === brief.pid)!.key;
		brief.kill('SIGKILL');
		await new Promise(resolve => brief.once('exit', resolve));
		const after = await sampler.sample();
		expect(after.changes.exited.map(e => e.key)).toContain(key);
		expect(after.processes.some(p => p.key === key)).toBe(false);
	});
});

describe.runIf(process.platform === 'linux')('kept stat files', () => {
	const statFdsOpen = () =>
		readdirSync('/proc/self/fd').filter(fd => {
			try {
				return /^\/proc\/\d+\/stat$/.test(readlinkSync(`/proc/self/fd/${fd}`));
			} catch {
				return false;
			}
		}).length;

	test('are reused across ticks, closed when a process is gone, and released by dispose', async () => {
		// Other sources in this worker may hold files too: count what this one adds.
		const before = statFdsOpen();
		const source = createProcfsSource();
		// The number kept at most doubles a tick (proc-files.ts): read until every process's is kept.
		const counts: number[] = [];
		let table = await source.read();
		counts.push(statFdsOpen() - before);
		for (let tick = 0; tick < 12 && counts.at(-1)! < Math.min(table.processes.length, keptStatFileCap()); tick++) {
			table = await source.read();
			counts.push(statFdsOpen() - before);
		}
		expect(counts[0]).toBe(Math.min(table.processes.length, FIRST_KEPT));
		for (let tick = 1; tick < counts.length; tick++) expect(counts[tick]!).toBeLessThanOrEqual(Math.max(FIRST_KEPT, 2 * counts[tick - 1]!));
		const open = statFdsOpen();
		expect(open - before).toBe(Math.min(table.processes.length + table.garbled, keptStatFileCap()));
		const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
		await sleep(300);
		await source.read();
		expect(statFdsOpen()).toBeGreaterThan(open - 3);
		child.kill('SIGKILL');
		await new Promise(resolve => child.once('exit', resolve));
		const after = await source.read();
		expect(after.processes.some(p => p.pid === child.pid)).toBe(false);
		source.dispose!();
		expect(statFdsOpen()).toBe(before);
	});
});
