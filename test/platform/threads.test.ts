// The thread table reader: a fake /proc tree (which tasks are listed, names sanitized, a process
// that ends meanwhile) and the real /proc (a node process with a worker thread, against its task
// directory and each thread's comm).
import {spawn} from 'node:child_process';
import {readdirSync, readFileSync, rmSync} from 'node:fs';
import {afterEach, describe, expect, test} from 'vitest';
import {createThreadReader} from '../../source/platform/linux/threads.js';
import {type FakeProc, writeProcTree} from '../helpers/proc-builder.js';

const trees: FakeProc[] = [];
const children: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
	for (const tree of trees.splice(0)) tree.cleanup();
	for (const child of children.splice(0)) child.kill('SIGKILL');
});

const owner = (pid: number, threads: number, isKernelThread = false) => ({pid, threads, isKernelThread});

describe('the thread reader on a fake /proc', () => {
	function tree() {
		const made = writeProcTree([
			{
				pid: 100,
				comm: 'server',
				threads: 3,
				tasks: [
					{pid: 100, comm: 'server', threads: 3, utime: 10, starttime: 500},
					{pid: 101, comm: '\u001b]0;owned\u0007worker', threads: 3, state: 'R', utime: 70, stime: 5, starttime: 510, nice: 5},
					{pid: 102, comm: 'io', threads: 3, starttime: 520},
				],
			},
			{pid: 200, comm: 'single', threads: 1},
		]);
		trees.push(made);
		return made;
	}

	test('lists the threads of multithreaded processes, without their main thread unless asked; names sanitized', () => {
		const {root} = tree();
		const reader = createThreadReader(root);
		const threads = reader.read([owner(100, 3), owner(200, 1)], false);
		expect(threads.map(thread => thread.tid)).toEqual([101, 102]);
		const worker = threads[0]!;
		expect(worker).toMatchObject({pid: 100, state: 'R', cpuTicks: 75, systemTicks: 5, nice: 5, startTicks: '510', key: '101:510'});
		expect(worker.name).not.toMatch(/[\u0000-\u001f]/);
		expect(worker.name).toContain('worker');
		expect(reader.read([owner(100, 3)], true).map(thread => thread.tid)).toEqual([100, 101, 102]);
		reader.release();
	});

	test('a kernel thread or a process that ended meanwhile gives no threads, and no error', () => {
		const {root} = tree();
		const reader = createThreadReader(root);
		expect(reader.read([owner(2, 4, true), owner(999, 4)], true)).toEqual([]);
		rmSync(`${root}/100`, {recursive: true});
		expect(reader.read([owner(100, 3)], false)).toEqual([]);
	});
});

describe('the thread reader on the real /proc', () => {
	test("a node process's threads: every task but the main one, each with its own comm; a busy worker's ticks grow", async () => {
		const child = spawn(process.execPath, [
			'-e',
			"const {Worker} = require('node:worker_threads'); new Worker('for (;;) {}', {eval: true}); setInterval(() => {}, 1000);",
		]);
		children.push(child);
		const pid = child.pid!;
		// The worker exists once node has started it: wait for more than the usual threads.
		let tids: string[] = [];
		for (let attempt = 0; attempt < 100; attempt++) {
			await new Promise(resolve => setTimeout(resolve, 50));
			tids = readdirSync(`/proc/${pid}/task`);
			const busy = tids.some(tid => Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'latin1').split(') ')[1]!.split(' ')[11]) > 20);
			if (busy) break;
		}
		const reader = createThreadReader();
		const first = reader.read([owner(pid, tids.length)], false);
		expect(first.map(thread => String(thread.tid)).sort()).toEqual(tids.filter(tid => tid !== String(pid)).sort());
		for (const thread of first) expect(thread.name).toBe(readFileSync(`/proc/${pid}/task/${thread.tid}/comm`, 'utf8').trim());
		const busiest = first.reduce((a, b) => (b.cpuTicks > a.cpuTicks ? b : a));
		await new Promise(resolve => setTimeout(resolve, 300));
		const again = reader.read([owner(pid, tids.length)], false).find(thread => thread.tid === busiest.tid)!;
		// A thread spinning for 300 ms gains ~30 ticks; the kept file reads the same task.
		expect(again.cpuTicks - busiest.cpuTicks).toBeGreaterThan(10);
		reader.release();
	});
});
