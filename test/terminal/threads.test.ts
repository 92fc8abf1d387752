// Threads on the real machine: a node process whose worker thread spins while its main thread
// idles. --json --threads lists the same tasks and names as procps (`ps -L`), with the busy
// one busy and the main one not; in the UI, H shows the worker under its process with its own CPU%.
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {afterAll, describe, expect, test} from 'vitest';
import {cleanUpAfterAll} from '../helpers/cleanup.js';
import {spawnProctop} from '../helpers/pty.js';
import {runCli} from '../helpers/run-cli.js';

const {screens} = cleanUpAfterAll();
const hasPs = spawnSync('sh', ['-c', 'command -v ps']).status === 0;
const children: ChildProcess[] = [];
afterAll(() => {
	for (const child of children) child.kill('SIGKILL');
});

/** node with one worker thread spinning (about a core) and an idle main thread; resolves once the worker runs. */
async function spinningWorker(): Promise<ChildProcess> {
	const child = spawn(
		process.execPath,
		['-e', "new (require('node:worker_threads').Worker)('for (;;) {}', {eval: true}); console.log('up'); setInterval(() => {}, 1000);"],
		{
			stdio: ['ignore', 'pipe', 'ignore'],
		},
	);
	children.push(child);
	await new Promise(resolve => child.stdout!.once('data', resolve));
	// node starts its own helper threads first; wait until the task count settles.
	let count = 0;
	for (let attempt = 0; attempt < 40; attempt++) {
		await new Promise(resolve => setTimeout(resolve, 50));
		const now = readdirSync(`/proc/${child.pid}/task`).length;
		if (now === count && now > 2) break;
		count = now;
	}
	return child;
}

type JsonThread = {tid: number; name: string; state: string; cpuPercent: number | null};

describe.runIf(process.platform === 'linux')('threads', () => {
	test.runIf(hasPs)('--json --threads: the tasks and names ps -L lists; the spinning worker ~a core, the main thread idle', async () => {
		const worker = await spinningWorker();
		const result = await runCli(['--json', '--threads', '--pid', String(worker.pid), '--interval', '0.5']);
		expect(result.code).toBe(0);
		const [process_] = JSON.parse(result.stdout).processes as Array<{pid: number; threads: number; cpuPercent: number; threadList: JsonThread[]}>;
		const ps = spawnSync('ps', ['-L', '-o', 'tid=,comm=', '-p', String(worker.pid)], {encoding: 'utf8'})
			.stdout.trim()
			.split('\n')
			.map(line => line.trim().split(/\s+/));
		expect(process_!.threadList.map(thread => [String(thread.tid), thread.name])).toEqual(ps.map(([tid, comm]) => [tid, comm]));
		expect(process_!.threadList[0]!.tid).toBe(worker.pid);
		const [main, ...others] = process_!.threadList;
		const busiest = others.reduce((a, b) => ((b.cpuPercent ?? 0) > (a.cpuPercent ?? 0) ? b : a));
		// Busy even on a machine the other tests load: well above the idle ones.
		expect(busiest.cpuPercent).toBeGreaterThan(30);
		expect(main!.cpuPercent).toBeLessThan(20);
		// The threads' shares add up to the process's (measured over the same interval).
		const sum = process_!.threadList.reduce((total, thread) => total + (thread.cpuPercent ?? 0), 0);
		expect(Math.abs(sum - process_!.cpuPercent)).toBeLessThan(15);
	});

	test('in the UI: H lists the worker under its process (tree) with its own CPU%; H again hides them', async () => {
		const worker = await spinningWorker();
		const screen = spawnProctop(['--pid', String(worker.pid), '--interval', '0.5', '--tree', '--columns', 'pid,state,cpu,command'], {columns: 200, rows: 40});
		screens.push(screen);
		await screen.waitFor(text => text.includes(`${worker.pid} `) && /COMMAND/.test(text));
		screen.write('H');
		const busyThread = new RegExp(`^\\s+(\\d+) [RS]\\s+([3-9]\\d|1\\d\\d)\\.\\d .*\\{node\\} thread of ${worker.pid}`, 'm');
		const shown = await screen.waitFor(text => busyThread.test(text), 10_000);
		const tid = Number(busyThread.exec(shown)![1]);
		expect(tid).not.toBe(worker.pid);
		expect(readdirSync(`/proc/${worker.pid}/task`)).toContain(String(tid));
		// Under its process: a tree guide before it; the main thread is the process row itself.
		expect(shown).toMatch(new RegExp(`[├└]─ \\{node\\} thread of ${worker.pid}`));
		expect(shown).not.toMatch(new RegExp(`^\\s+${worker.pid} .*thread of`, 'm'));
		screen.write('H');
		await screen.waitFor(text => !text.includes('thread of') && text.includes('threads hidden'));
		screen.write('q');
		expect((await screen.exited).exitCode).toBe(0);
	});
});
