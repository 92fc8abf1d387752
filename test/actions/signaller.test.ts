// The signaller: fake kill over fixture /proc trees, and real processes this test starts.
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {readdirSync, writeFileSync} from 'node:fs';
import {userInfo} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {createSignaller, findAncestors, SIGNALS, type SignallerOptions, type Target} from '../../source/actions/signaller.js';
import {readProcIdentity} from '../../source/platform/linux/identity.js';
import {createLinuxPlatform, type SignalPlatform} from '../../source/platform/platform.js';
import {type FakeProc, statLine, writeProcTree} from '../helpers/proc-builder.js';

type Sent = Array<[number, NodeJS.Signals | number]>;

/** The real Linux platform over a procfs root, with some parts replaced (kill, setNice, …). */
function linuxWith(procRoot: string | undefined, parts: Partial<SignalPlatform> = {}): SignalPlatform {
	return {...createLinuxPlatform(procRoot), ...parts};
}
/** A signaller over a fixture procfs (or the real one), proctop being pid 4000 there. */
function signallerOver(procRoot: string | undefined, parts: Partial<SignalPlatform> = {}, options: Partial<SignallerOptions> = {}) {
	return createSignaller({platform: linuxWith(procRoot, parts), ...options});
}

function fakeWorld(processes: Parameters<typeof writeProcTree>[0]) {
	const proc = writeProcTree(processes);
	const sent: Sent = [];
	const kill = (pid: number, signal: NodeJS.Signals | number) => {
		sent.push([pid, signal]);
	};
	const signaller = signallerOver(proc.root, {kill}, {selfPid: 4000, ancestors: new Set([3000, 3001])});
	return {proc, sent, signaller};
}

const target = (pid: number, startTicks = '500', name = 'app'): Target => ({pid, startTicks, name, user: 'alice'});

let world: FakeProc | undefined;
afterEach(() => world?.cleanup());

describe('SIGNALS table', () => {
	test('names and numbers are unique and match this platform', async () => {
		const {constants} = await import('node:os');
		expect(new Set(SIGNALS.map(s => s.name)).size).toBe(SIGNALS.length);
		expect(new Set(SIGNALS.map(s => s.number)).size).toBe(SIGNALS.length);
		if (process.platform === 'linux') {
			// Every signal node knows, under its `kill -l` name or as an alias; then the real-time range.
			for (const [name, number] of Object.entries(constants.signals))
				expect(SIGNALS.find(s => s.name === name || s.aliases.includes(name))?.number).toBe(number);
			const realTime = SIGNALS.filter(s => s.name.startsWith('SIGRT'));
			expect(realTime.map(s => s.number)).toEqual(Array.from({length: 31}, (_, index) => 34 + index));
			expect(realTime.map(s => s.name).slice(0, 2)).toEqual(['SIGRTMIN', 'SIGRTMIN+1']);
			expect(realTime.at(-1)!.name).toBe('SIGRTMAX');
			// The same names and numbers as bash's `kill -l` on this machine, signal for signal.
			const listed = [...execFileSync('bash', ['-c', 'kill -l'], {encoding: 'utf8'}).matchAll(/(\d+)\) (SIG[A-Z0-9+-]+)/g)].map(
				match => `${match[1]} ${match[2]}`,
			);
			expect(SIGNALS.map(s => `${s.number} ${s.name}`).sort()).toEqual(listed.sort());
		}
		expect(SIGNALS[0]!.name).toBe('SIGTERM');
	});
});

describe('createSignaller with a fake kill', () => {
	test('sends when the identity still matches', () => {
		const w = fakeWorld([{pid: 50, comm: 'app', starttime: 500}]);
		world = w.proc;
		expect(w.signaller.send(target(50), 'SIGTERM')).toMatchObject({ok: true});
		expect(w.sent).toEqual([[50, 'SIGTERM']]);
	});

	test('a kernel thread (PF_KTHREAD, whatever its name) is refused: kernel threads ignore signals', () => {
		const w = fakeWorld([{pid: 60, comm: 'kworker/0:1', starttime: 500, flags: 0x0020_0040}]);
		world = w.proc;
		expect(w.signaller.send(target(60, '500', 'kworker/0:1'), 'SIGKILL')).toMatchObject({
			ok: false,
			reason: 'refused',
			message: 'refused: 60 kworker/0:1 is a kernel thread; kernel threads ignore signals, nothing was sent',
		});
		expect(w.sent).toEqual([]);
	});

	test.runIf(process.platform === 'linux')('against the real /proc: a real kernel thread is refused before kill()', () => {
		const kernelThread = readdirSync('/proc')
			.map(Number)
			.filter(Number.isInteger)
			.map(pid => ({pid, identity: readProcIdentity(pid)}))
			.find(entry => entry.identity?.kernelThread);
		if (!kernelThread) return; // a container without kernel threads in its pid namespace
		const sent: Sent = [];
		const signaller = signallerOver(undefined, {kill: (pid, signal) => void sent.push([pid, signal])}, {ancestors: new Set()});
		const outcome = signaller.send(
			{pid: kernelThread.pid, startTicks: kernelThread.identity!.startTicks, name: kernelThread.identity!.name, user: 'root'},
			'SIGKILL',
		);
		expect(outcome).toMatchObject({ok: false, reason: 'refused'});
		expect(sent).toEqual([]);
	});

	test('a real-time signal goes by number; a name the table lacks is refused', () => {
		const w = fakeWorld([{pid: 50, comm: 'app', starttime: 500}]);
		world = w.proc;
		expect(w.signaller.send(target(50), 'SIGRTMIN+3')).toMatchObject({ok: true});
		expect(w.signaller.send(target(50), 'SIGBOGUS')).toMatchObject({ok: false, message: 'no such signal: SIGBOGUS; nothing was sent'});
		expect(w.sent).toEqual([[50, 37]]);
	});

	test('pid reuse: start time changed between pick and send → nothing sent', () => {
		const w = fakeWorld([{pid: 50, comm: 'app', starttime: 500}]);
		world = w.proc;
		writeFileSync(join(w.proc.root, '50', 'stat'), statLine({pid: 50, comm: 'newcomer', starttime: 9999}));
		const outcome = w.signaller.send(target(50), 'SIGKILL');
		expect(outcome).toMatchObject({ok: false, reason: 'changed', message: 'pid 50 is no longer the process you selected; nothing was sent'});
		expect(w.sent).toEqual([]);
	});

	test.each([
		[0, /not a process id/],
		[-5, /not a process id/],
		[Number.NaN, /not a process id/],
		[1.5, /not a process id/],
		[1, /pid 1 is init/],
		[4000, /proctop itself/],
		[3000, /ancestor of proctop/],
		[3001, /ancestor of proctop/],
	])('pid %s is refused before kill is called', (pid, message) => {
		const w = fakeWorld([{pid: 1, comm: 'init', ppid: 0, starttime: 1}]);
		world = w.proc;
		const outcome = w.signaller.send(target(pid), 'SIGKILL');
		expect(outcome).toMatchObject({ok: false, reason: 'refused'});
		expect(outcome.ok || outcome.message).toMatch(message);
		expect(w.sent).toEqual([]);
	});

	test('a vanished pid is "already exited", not an error', () => {
		const w = fakeWorld([]);
		world = w.proc;
		expect(w.signaller.send(target(77), 'SIGTERM')).toMatchObject({ok: false, reason: 'exited', message: '77 app already exited'});
	});

	test('a zombie: already dead, its parent must reap it', () => {
		const w = fakeWorld([
			{pid: 60, comm: 'parentd', starttime: 10},
			{pid: 61, comm: 'app', ppid: 60, state: 'Z', starttime: 500},
		]);
		world = w.proc;
		const outcome = w.signaller.send(target(61), 'SIGKILL');
		expect(outcome).toMatchObject({ok: false, reason: 'zombie', message: '61 app is already dead (zombie): its parent 60 parentd must reap it'});
		expect(w.sent).toEqual([]);
	});

	test('ESRCH and EPERM from kill become one readable line', () => {
		const proc = writeProcTree([{pid: 50, comm: 'app', starttime: 500}]);
		world = proc;
		const failing = (code: string) =>
			signallerOver(
				proc.root,
				{
					kill: () => {
						throw Object.assign(new Error(code), {code});
					},
				},
				{selfPid: 4000, ancestors: new Set()},
			);
		expect(failing('ESRCH').send(target(50), 'SIGTERM')).toMatchObject({reason: 'exited', message: '50 app already exited'});
		expect(failing('EPERM').send(target(50), 'SIGTERM')).toMatchObject({reason: 'permission', message: 'not permitted: 50 app is owned by alice'});
	});

	test('renice applies to every thread and reports permission errors clearly', () => {
		const proc = writeProcTree([{pid: 50, comm: 'app', starttime: 500}]);
		world = proc;
		const calls: Array<[number, number]> = [];
		const signaller = signallerOver(
			proc.root,
			{threadsOf: () => [50, 51, 52], setNice: (pid, nice) => void calls.push([pid, nice])},
			{selfPid: 4000, ancestors: new Set()},
		);
		expect(signaller.renice(target(50), 5)).toEqual({ok: true, threads: 3, total: 3});
		expect(calls).toEqual([
			[50, 5],
			[51, 5],
			[52, 5],
		]);
		expect(signaller.renice(target(50), 99)).toMatchObject({ok: true});
		expect(calls.at(-1)).toEqual([52, 19]);
		const denied = signallerOver(
			proc.root,
			{
				threadsOf: () => [50],
				setNice: () => {
					throw Object.assign(new Error('EACCES'), {code: 'EACCES'});
				},
			},
			{selfPid: 4000, ancestors: new Set()},
		);
		expect(denied.renice(target(50), -5)).toEqual({ok: false, message: 'not permitted: raising priority (nice < current) needs root or CAP_SYS_NICE'});
		// What os.setPriority really throws: a SystemError with the errno in info.code.
		const systemError = signallerOver(
			proc.root,
			{
				threadsOf: () => [50],
				setNice: () => {
					throw Object.assign(new Error('A system error occurred: uv_os_setpriority returned EACCES'), {code: 'ERR_SYSTEM_ERROR', info: {code: 'EACCES'}});
				},
			},
			{selfPid: 4000, ancestors: new Set()},
		);
		expect(systemError.renice(target(50), 5)).toEqual({ok: false, message: 'not permitted: 50 app is owned by alice'});
	});
});

describe.runIf(process.platform === 'linux')('createSignaller on real processes', () => {
	const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
	const me = userInfo().username;

	test('kills a real child after the identity check; a second send says it already exited', async () => {
		const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
		await sleep(200);
		const identity = readProcIdentity(child.pid!)!;
		const signaller = createSignaller({platform: createLinuxPlatform()});
		const picked = {pid: child.pid!, startTicks: identity.startTicks, name: 'node', user: me};
		expect(signaller.send(picked, 'SIGTERM')).toMatchObject({ok: true});
		await new Promise(resolve => child.once('exit', resolve));
		expect(signaller.send(picked, 'SIGTERM')).toMatchObject({ok: false, reason: 'exited'});
	});

	test('a wrong start time for a live pid is refused and the process survives', async () => {
		const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
		await sleep(200);
		const outcome = createSignaller({platform: createLinuxPlatform()}).send({pid: child.pid!, startTicks: '1', name: 'node', user: me}, 'SIGKILL');
		expect(outcome).toMatchObject({ok: false, reason: 'changed'});
		await sleep(100);
		expect(readProcIdentity(child.pid!)).toBeDefined();
		child.kill('SIGKILL');
	});

	test('STOP then CONT shows T then running again', async () => {
		const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
		await sleep(200);
		const signaller = createSignaller({platform: createLinuxPlatform()});
		const picked = {pid: child.pid!, startTicks: readProcIdentity(child.pid!)!.startTicks, name: 'node', user: me};
		signaller.send(picked, 'SIGSTOP');
		await sleep(100);
		expect(readProcIdentity(child.pid!)!.state).toBe('T');
		signaller.send(picked, 'SIGCONT');
		await sleep(100);
		expect(readProcIdentity(child.pid!)!.state).not.toBe('T');
		child.kill('SIGKILL');
	});

	test('our ancestors include our parent; renice up works on every thread of a real process', async () => {
		expect(findAncestors(process.pid, pid => readProcIdentity(pid)).has(process.ppid)).toBe(true);
		expect(createSignaller({platform: createLinuxPlatform()}).refusal({pid: process.ppid, startTicks: '0', name: 'parent', user: me})).toMatch(/ancestor/);
		const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
		await sleep(300);
		const picked = {pid: child.pid!, startTicks: readProcIdentity(child.pid!)!.startTicks, name: 'node', user: me};
		const result = createSignaller({platform: createLinuxPlatform()}).renice(picked, 7);
		expect(result).toMatchObject({ok: true});
		const nices = spawnSync('ps', ['-L', '-o', 'nice=', '-p', String(child.pid)], {encoding: 'utf8'})
			.stdout.trim()
			.split(/\s+/);
		expect(nices.length).toBeGreaterThan(1);
		expect(new Set(nices)).toEqual(new Set(['7']));
		child.kill('SIGKILL');
	});
});
