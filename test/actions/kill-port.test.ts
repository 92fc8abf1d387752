import {describe, expect, test} from 'vitest';
import {killPort} from '../../source/actions/kill-port.js';
import {createSignaller} from '../../source/actions/signaller.js';
import {identifyingSampler} from '../../source/identify/identifier.js';
import {createSampler} from '../../source/sampling/sampler.js';
import type {Listener, RawProcess} from '../../source/types.js';
import {fakeInspector} from '../helpers/fake-inspector.js';
import {fakePlatform} from '../helpers/fake-platform.js';
import {fakeSource, rawProcess} from '../helpers/fake-sampler.js';

const tcp = (port: number): Listener => ({protocol: 'tcp', address: '0.0.0.0', port});

/** A world where `ignoresTerm` pids survive SIGTERM; everything else ends on any signal. */
function harness(options: {
	processes: RawProcess[];
	sockets: Record<number, string[] | 'denied'>;
	listening: Record<string, Listener>;
	ignoresTerm?: number[];
	force?: boolean;
}) {
	let world = options.processes;
	const listening = () => {
		const alive = new Set(world.map(process => process.pid));
		return new Map(
			Object.entries(options.listening).filter(([inode]) =>
				Object.entries(options.sockets).some(([pid, inodes]) => (inodes === 'denied' ? true : inodes.includes(inode)) && alive.has(Number(pid))),
			),
		);
	};
	const platform = fakePlatform({
		world: () => world,
		kill(pid, signal) {
			platform.sent.push([pid, signal]);
			if (signal === 'SIGTERM' && options.ignoresTerm?.includes(pid)) return;
			world = world.filter(process => process.pid !== pid);
		},
	});
	const inspector = fakeInspector(() => ({argv: {}, listening: listening(), sockets: options.sockets}));
	let clock = 0;
	const lines: string[] = [];
	const errors: string[] = [];
	const run = () =>
		killPort({
			ports: [3000],
			sampler: identifyingSampler(createSampler({source: fakeSource(() => world), cores: 1}), inspector),
			signaller: createSignaller({platform, selfPid: 99_999, ancestors: new Set()}),
			listening,
			timeoutMs: 3000,
			force: options.force ?? false,
			sleep: async ms => {
				clock += ms;
			},
			now: () => clock,
			say: line => lines.push(line),
			warn: line => errors.push(line),
		});
	return {run, sent: platform.sent, lines, errors};
}

const server = rawProcess({pid: 4242, ppid: 1, name: 'node', command: 'node server.js'});

describe('killPort', () => {
	test('SIGTERM to the listener; it ends; the port is free: exit 0', async () => {
		const h = harness({processes: [server], sockets: {4242: ['9']}, listening: {9: tcp(3000)}});
		expect(await h.run()).toBe(0);
		expect(h.sent).toEqual([[4242, 'SIGTERM']]);
		expect(h.lines).toEqual(['4242 node (server.js) on :3000: ended after SIGTERM (0.0 s)', ':3000 is free']);
		expect(h.errors).toEqual([]);
	});

	test('nothing listening: says so, sends nothing, exit 1', async () => {
		const h = harness({processes: [server], sockets: {}, listening: {}});
		expect(await h.run()).toBe(1);
		expect(h.sent).toEqual([]);
		expect(h.errors).toEqual(['proctop: nothing is listening on :3000']);
	});

	test('a listener we cannot see is never reported as free', async () => {
		const h = harness({processes: [server], sockets: {4242: 'denied'}, listening: {9: tcp(3000)}});
		expect(await h.run()).toBe(1);
		expect(h.sent).toEqual([]);
		expect(h.errors).toEqual(["proctop: not permitted: :3000 is held by a process you cannot see (another user's; run with sudo); nothing was sent"]);
	});

	test('one that ignores SIGTERM: reported after the timeout, no SIGKILL without --force, exit 1', async () => {
		const h = harness({processes: [server], sockets: {4242: ['9']}, listening: {9: tcp(3000)}, ignoresTerm: [4242]});
		expect(await h.run()).toBe(1);
		expect(h.sent).toEqual([[4242, 'SIGTERM']]);
		expect(h.lines).toEqual(['4242 node (server.js) on :3000: still running 3.0 s after SIGTERM; add --force to send SIGKILL']);
		expect(h.errors).toEqual(['proctop: :3000 is still in use']);
	});

	test('--force: SIGKILL after the timeout, then free', async () => {
		const h = harness({processes: [server], sockets: {4242: ['9']}, listening: {9: tcp(3000)}, ignoresTerm: [4242], force: true});
		expect(await h.run()).toBe(0);
		expect(h.sent).toEqual([
			[4242, 'SIGTERM'],
			[4242, 'SIGKILL'],
		]);
		expect(h.lines).toEqual(['4242 node (server.js) on :3000: ended after SIGKILL (3.0 s)', ':3000 is free']);
	});

	test('a child of npm run dev: the parent is named (it may restart it), and never signalled', async () => {
		const npm = rawProcess({pid: 4240, ppid: 1, name: 'npm run dev', command: 'npm run dev'});
		const child = {...server, ppid: 4240};
		const h = harness({processes: [npm, child], sockets: {4242: ['9']}, listening: {9: tcp(3000)}});
		expect(await h.run()).toBe(0);
		expect(h.lines[0]).toBe('note: 4242 was started by 4240 npm run dev, which may start it again; stop that one to stop it for good');
		expect(h.sent).toEqual([[4242, 'SIGTERM']]);
	});

	test('the signaller still refuses what it always refuses (pid 1 holding the port)', async () => {
		const init = rawProcess({pid: 1, ppid: 0, name: 'systemd', command: '/sbin/init'});
		const h = harness({processes: [init], sockets: {1: ['9']}, listening: {9: tcp(3000)}});
		expect(await h.run()).toBe(1);
		expect(h.sent).toEqual([]);
		expect(h.errors).toEqual(['proctop: refused: pid 1 is init; signalling it can take the whole system down', 'proctop: :3000 is still in use']);
	});
});
