// Acting on processes in a real terminal: the built CLI in a pseudo-terminal, processes this
// test starts, keys typed as a person would, and the processes' fate checked from /proc.
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {readProcIdentity} from '../../source/platform/linux/identity.js';
import {cleanUpAfterAll} from '../helpers/cleanup.js';
import {type Screen, spawnInPty, spawnProctop} from '../helpers/pty.js';
import {CLI} from '../helpers/run-cli.js';

const marker = `acttest${process.pid}`;
const {groups, screens} = cleanUpAfterAll();

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const alive = (pid: number) => {
	const identity = readProcIdentity(pid);
	return identity !== undefined && identity.state !== 'Z';
};

/** A node process whose argv carries `name`; `script` runs inside it. Own process group. */
function startNamed(name: string, script = 'setInterval(() => {}, 1000)', options: {uid?: number} = {}): ChildProcess {
	const child = spawn(process.execPath, ['-e', 'eval(process.env.SCRIPT)', name], {
		stdio: 'ignore',
		detached: true,
		env: {...process.env, SCRIPT: script},
		...(options.uid === undefined ? {} : {uid: options.uid, gid: options.uid}),
	});
	groups.push(child);
	return child;
}

async function proctopFilteredTo(text: string, args: string[] = []): Promise<Screen> {
	const screen = spawnProctop(args, {columns: 200, rows: 40});
	screens.push(screen);
	await screen.waitFor(screen => screen.includes('PID USER'));
	screen.write('\\');
	screen.write(text);
	await screen.waitFor(screen => screen.includes(`Filter: ${text}`));
	screen.write('\r');
	return screen;
}

describe.runIf(process.platform === 'linux')('signals from the UI', () => {
	test('k then Enter sends SIGTERM to the selected process: it is gone and the status says so', async () => {
		const victim = startNamed(`${marker}-plain`);
		await sleep(300);
		const screen = await proctopFilteredTo(`${marker}-plain`);
		await screen.waitFor(text => text.includes(`${marker}-plain`));
		screen.write('k');
		await screen.waitFor(text => text.includes('Send a signal') && text.includes(`Target: ${victim.pid} node`));
		screen.write('\r');
		await screen.waitFor(text => text.includes(`${victim.pid} node exited after SIGTERM`));
		expect(alive(victim.pid!)).toBe(false);
		screen.write('q');
		await screen.exited;
	});

	test('a process ignoring SIGTERM: the status offers SIGKILL, the second k preselects it, and it dies', async () => {
		const stubborn = startNamed(`${marker}-stubborn`, "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)");
		await sleep(300);
		const screen = await proctopFilteredTo(`${marker}-stubborn`);
		await screen.waitFor(text => text.includes(`${marker}-stubborn`));
		screen.write('k');
		await screen.waitFor(text => text.includes('Send a signal'));
		screen.write('\r');
		await screen.waitFor(text => text.includes('still running after SIGTERM; press k to send SIGKILL'), 10_000);
		expect(alive(stubborn.pid!)).toBe(true);
		screen.write('k');
		await screen.waitFor(text => text.includes('Send a signal'));
		screen.write('\r');
		await screen.waitFor(text => text.includes(`${stubborn.pid} node exited after SIGKILL`));
		expect(alive(stubborn.pid!)).toBe(false);
		screen.write('q');
		await screen.exited;
	});

	test('tag two processes with Space and kill both with one k', async () => {
		const first = startNamed(`${marker}-pair`);
		const second = startNamed(`${marker}-pair`);
		await sleep(300);
		const screen = await proctopFilteredTo(`${marker}-pair`);
		const rowsWith = (text: string, needle: string) => text.split('\n').filter(line => /^\s+\d+ /.test(line) && line.includes(needle));
		await screen.waitFor(text => rowsWith(text, `${marker}-pair`).length === 2);
		screen.write(' ');
		await sleep(150);
		screen.write(' ');
		await screen.waitFor(text => rowsWith(text, `* /`).length === 2);
		screen.write('k');
		await screen.waitFor(text => text.includes('Targets: 2 tagged processes'));
		screen.write('\r');
		await screen.waitFor(text => text.includes('2 processes exited after SIGTERM'));
		expect(alive(first.pid!)).toBe(false);
		expect(alive(second.pid!)).toBe(false);
		screen.write('q');
		await screen.exited;
	});

	test('X on a tree with a TERM-ignoring grandchild: asks first, then one SIGKILL question, nothing left alive', async () => {
		const grandchild = `process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)`;
		const child = `const {spawn} = require('child_process'); spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}, '${marker}-grandchild'], {stdio: 'ignore'}); setInterval(() => {}, 1000)`;
		const root = `const {spawn} = require('child_process'); spawn(process.execPath, ['-e', ${JSON.stringify(child)}, '${marker}-child'], {stdio: 'ignore'}); setInterval(() => {}, 1000)`;
		const tree = startNamed(`${marker}-root`, root);
		await sleep(800);
		const members = spawnSync('pgrep', ['-f', `${marker}-(root|child|grandchild)`], {encoding: 'utf8'})
			.stdout.trim()
			.split('\n')
			.map(Number)
			.filter(pid => pid !== 0);
		expect(members.length).toBeGreaterThanOrEqual(3);
		const screen = await proctopFilteredTo(`${marker}-root`);
		await screen.waitFor(text => text.includes(`${marker}-root`));
		screen.write('X');
		// One key never signals a whole tree: it asks first, naming the count and the top.
		await screen.waitFor(text => new RegExp(`SIGTERM 3 processes under ${tree.pid} node\\?`).test(text) && text.includes('y yes, SIGTERM'));
		await sleep(300);
		expect(alive(tree.pid!)).toBe(true);
		screen.write('y');
		await screen.waitFor(text => text.includes('Send SIGKILL to it?'), 10_000);
		screen.write('y');
		await screen.waitFor(text => /subtree of \d+ node: 2 exited after SIGTERM, 1 after SIGKILL; nothing left running/.test(text));
		for (const pid of [tree.pid!, ...members]) expect(alive(pid)).toBe(false);
		screen.write('q');
		await screen.exited;
	});

	test('STOP shows state T; quitting reminds the user the process is still stopped', async () => {
		const victim = startNamed(`${marker}-stopme`);
		await sleep(300);
		const screen = await proctopFilteredTo(`${marker}-stopme`);
		await screen.waitFor(text => text.includes(`${marker}-stopme`));
		screen.write('k');
		await screen.waitFor(text => text.includes('Send a signal'));
		screen.write('19');
		screen.write('\r');
		await screen.waitFor(text => text.includes('stopped (SIGSTOP)'));
		await screen.waitFor(text => new RegExp(`${victim.pid} .* T .*${marker}-stopme`).test(text));
		screen.write('q');
		await screen.exited;
		expect(screen.text()).toContain(`kill -CONT ${victim.pid}`);
		process.kill(victim.pid!, 'SIGCONT');
	});

	test('renice: [ lowers the priority of every thread (nice +1, as htop)', async () => {
		const victim = startNamed(`${marker}-nice`);
		await sleep(300);
		const screen = await proctopFilteredTo(`${marker}-nice`);
		await screen.waitFor(text => text.includes(`${marker}-nice`));
		screen.write('[');
		await screen.waitFor(text => /nice 1 on \d+ threads/.test(text));
		const nices = spawnSync('ps', ['-L', '-o', 'nice=', '-p', String(victim.pid)], {encoding: 'utf8'})
			.stdout.trim()
			.split(/\s+/);
		expect(new Set(nices)).toEqual(new Set(['1']));
		screen.write('q');
		await screen.exited;
	});

	test.runIf(process.getuid?.() === 0 && existsSync('/usr/bin/setpriv'))('renice down without root: a clear error, the value shown stays true', async () => {
		const victim = startNamed(`${marker}-unpriv`, 'setInterval(() => {}, 1000)', {uid: 65534});
		await sleep(300);
		// proctop itself as an ordinary user (nobody), acting on that user's own process.
		const screen = spawnInPty('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI], {
			columns: 200,
			rows: 40,
			env: {HOME: '/tmp'},
		});
		screens.push(screen);
		await screen.waitFor(text => text.includes('PID USER'));
		screen.write('\\');
		screen.write(`${marker}-unpriv`);
		screen.write('\r');
		await screen.waitFor(text => text.includes(`${marker}-unpriv`));
		screen.write(']'); // raise the priority: needs root
		await screen.waitFor(text => text.includes('not permitted: raising priority (nice < current) needs root or CAP_SYS_NICE'));
		expect(readProcIdentity(victim.pid!)).toBeDefined();
		const nice = spawnSync('ps', ['-o', 'nice=', '-p', String(victim.pid)], {encoding: 'utf8'}).stdout.trim();
		expect(nice).toBe('0');
		expect(screen.text()).toMatch(new RegExp(`${victim.pid} nobody\\s+20\\s+0 `));
		screen.write('q');
		await screen.exited;
	});
});

describe.runIf(process.platform === 'linux')('details view', () => {
	test('Enter shows the live details (parents, listening port); Esc returns with the selection intact', async () => {
		const server = spawn(
			process.execPath,
			[
				'-e',
				"require('net').createServer().listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); })",
				`${marker}-server`,
			],
			{stdio: ['ignore', 'pipe', 'ignore'], detached: true},
		);
		groups.push(server);
		const port = await new Promise<number>(resolve => server.stdout!.once('data', chunk => resolve(Number(String(chunk).trim()))));
		const screen = await proctopFilteredTo(`${marker}-server`);
		await screen.waitFor(text => text.includes(`${marker}-server`));
		screen.write('\r');
		const details = await screen.waitFor(text => text.includes('Listening') && text.includes(`tcp 127.0.0.1:${port}`));
		expect(details).toMatch(new RegExp(`Parents\\s+${server.pid} node ← ${process.pid} `));
		expect(details).toMatch(/Executable\s+\//);
		expect(details).toMatch(/Open files\s+\d+/);
		screen.write('\u001b');
		const back = await screen.waitFor(text => text.includes('PID USER'));
		expect(back).toContain(`${marker}-server`);
		screen.write('q');
		await screen.exited;
	});
});

describe.runIf(process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/setpriv'))('as an ordinary user', () => {
	test("another user's process: details say n/a (permission), k says not permitted, the app keeps running", async () => {
		const rootOwned = startNamed(`${marker}-rootowned`);
		await sleep(300);
		const screen = spawnInPty('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI], {
			columns: 200,
			rows: 40,
			env: {HOME: '/tmp'},
		});
		screens.push(screen);
		await screen.waitFor(text => text.includes('PID USER'));
		screen.write('\\');
		screen.write(`${marker}-rootowned`);
		screen.write('\r');
		await screen.waitFor(text => text.includes(`${marker}-rootowned`) && !text.includes('Filter:'));
		screen.write('\r');
		const details = await screen.waitFor(text => text.includes('Working dir'));
		expect(details).toMatch(/Working dir\s+n\/a \(permission\)/);
		expect(details).toMatch(/Executable\s+n\/a \(permission\)/);
		screen.write('\u001b');
		await screen.waitFor(text => text.includes('PID USER'));
		screen.write('k');
		await screen.waitFor(text => text.includes('Send a signal'));
		screen.write('\r');
		await screen.waitFor(text => text.includes(`not permitted: ${rootOwned.pid} node is owned by root`));
		expect(alive(rootOwned.pid!)).toBe(true);
		screen.write('q');
		expect((await screen.exited).exitCode).toBe(0);
	});
});
