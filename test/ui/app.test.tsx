// The App with ink-testing-library: fake sampler, fixed sizes, assertions on stripped text.
import React from 'react';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {App} from '../../source/ui/app.js';
import type {Options} from '../../source/types.js';
import {fakeSampler, fakeSystem, rawProcess} from '../helpers/fake-sampler.js';

const ESC = '\u001b';
const strip = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
const options: Options = {intervalMs: 50, sort: 'cpu', tree: false, filter: '', user: undefined, once: false, json: false, watch: false, count: undefined, color: true};
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

let world = [
	rawProcess({pid: 1, ppid: 0, name: 'init', command: '/sbin/init', user: 'root', uid: 0}),
	rawProcess({pid: 100, ppid: 1, name: 'sshd', command: '/usr/sbin/sshd -D', user: 'root', uid: 0}),
	rawProcess({pid: 200, ppid: 100, name: 'bash', command: '-bash'}),
	rawProcess({pid: 300, ppid: 200, name: 'node', command: 'node server.js', cpuTicks: 0}),
	rawProcess({pid: 400, ppid: 1, name: 'evil', command: 'evil \\e]52;c;eA==\\x07 \\e[2J', user: 'mallory', uid: 1001}),
];

async function frameWith(ui: ReturnType<typeof render>, predicate: (text: string) => boolean): Promise<string> {
	for (let attempt = 0; attempt < 100; attempt++) {
		const frame = strip(ui.lastFrame() ?? '');
		if (predicate(frame)) return frame;
		await sleep(20);
	}
	throw new Error(`frame never matched:\n${strip(ui.lastFrame() ?? '')}`);
}

const mounted: Array<ReturnType<typeof render>> = [];
function mount(width: number, height: number, overrides: Partial<Options> = {}) {
	const ui = render(<App options={{...options, ...overrides}} sampler={fakeSampler(() => world)} system={fakeSystem} viewport={{columns: width, rows: height}} />);
	mounted.push(ui);
	return ui;
}
afterEach(() => {
	for (const ui of mounted.splice(0)) ui.unmount();
});

describe('App', () => {
	test.each([[120, 30], [80, 24], [40, 12], [20, 5]])('at %i×%i: never taller than rows − 1, never wider than the terminal', async (width, height) => {
		const ui = mount(width, height);
		const frame = await frameWith(ui, text => text.includes('PID'));
		const lines = frame.split('\n');
		expect(lines.length).toBeLessThanOrEqual(height - 1);
		for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
	});

	test('wide: meters, titles with the sort mark, rows and the status bar', async () => {
		const ui = mount(120, 30);
		const frame = await frameWith(ui, text => text.includes('2.00G/8.00G'));
		expect(frame).toMatch(/Mem\[\|+ +2\.00G\/8\.00G\]/);
		expect(frame).toContain('Load average: 0.50 0.25 0.10');
		expect(frame).toContain('Uptime: 01:01:01');
		expect(frame).toMatch(/PID USER\s+PRI\s+NI\s+VIRT\s+RES S CPU%▼\s+MEM%\s+TIME\+\s+THR COMMAND/);
		expect(frame).toContain('/usr/sbin/sshd -D');
		expect(frame).toContain('q Quit');
	});

	test('hostile command lines are shown escaped, never raw', async () => {
		const ui = mount(120, 30);
		const frame = await frameWith(ui, text => text.includes('evil'));
		expect(frame).toContain('evil \\e]52;c;eA==\\x07 \\e[2J');
		expect(ui.lastFrame()).not.toMatch(/\u001b\]|\u001b\[2J/);
		expect((ui.lastFrame() ?? '').split(ESC).length).toBeGreaterThan(1); // colours are there, escapes of ours only
	});

	test('narrow: low-priority columns drop, PID and COMMAND stay', async () => {
		const ui = mount(40, 12);
		const frame = await frameWith(ui, text => text.includes('PID'));
		const title = frame.split('\n').find(line => line.includes('PID'))!;
		expect(title).toMatch(/PID/);
		expect(title).toMatch(/COMMAND/);
		expect(title).not.toMatch(/VIRT/);
	});

	test('t shows the tree with the child indented under its parent; filter keeps ancestors', async () => {
		const ui = mount(120, 30);
		await frameWith(ui, text => text.includes('sshd'));
		ui.stdin.write('t');
		const tree = await frameWith(ui, text => text.includes('└─ node server.js'));
		expect(tree).toMatch(/├─ \/usr\/sbin\/sshd -D/);
		ui.stdin.write('\\');
		ui.stdin.write('server');
		const filtered = await frameWith(ui, text => text.includes('Filter: server'));
		expect(filtered).toContain('/sbin/init');
		expect(filtered).toContain('node server.js');
		expect(filtered).not.toContain('evil');
		ui.stdin.write(ESC);
		await frameWith(ui, text => text.includes('evil'));
	});

	test('the help screen lists the key table', async () => {
		const ui = mount(100, 45);
		await frameWith(ui, text => text.includes('PID'));
		ui.stdin.write('h');
		const help = await frameWith(ui, text => text.includes('proctop keys'));
		expect(help).toMatch(/P\s+Sort by CPU%/);
		expect(help).toMatch(/\\\s+Filter: show only matching processes/);
	});

	test('the selection follows its process through a re-sort, and moves to a neighbour when it exits', async () => {
		const ui = mount(120, 30, {sort: 'pid'});
		await frameWith(ui, text => text.includes('sshd'));
		ui.stdin.write('\u001b[B'); // down: pid 100
		ui.stdin.write('\u001b[B'); // down: pid 200
		await sleep(100);
		ui.stdin.write('I'); // invert: pid 200 moves on screen
		await sleep(150);
		world = world.filter(process => process.pid !== 200);
		const frame = await frameWith(ui, text => text.includes('200 bash exited'));
		expect(frame).toContain('200 bash exited');
	});

	test('NO_COLOR / --no-color: no colour codes, the selection still visible (inverse)', async () => {
		const ui = mount(120, 30, {color: false});
		await frameWith(ui, text => text.includes('sshd'));
		const raw = ui.lastFrame() ?? '';
		expect(raw).not.toMatch(/\u001b\[3[0-9]m|\u001b\[4[0-9]m/);
		expect(raw).toContain('\u001b[7m');
	});
});
