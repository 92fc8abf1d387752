// Threads as rows (H, --threads): under their process in the tree and among the processes
// flat, never inside an app group; keys on a thread's row act on its process. Pure row-building
// tests, then the App over a fake platform whose thread reader is scripted.
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import type {RawThread, ThreadOwner} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import {listedRows} from '../../source/ui/screen.js';
import {initialState} from '../../source/ui/state.js';
import {fakePlatform} from '../helpers/fake-platform.js';
import {counting, fakeSampler, rawProcess} from '../helpers/fake-sampler.js';
import {processSample} from '../helpers/processes.js';
import {afterReads, frameWith, strip, testOptions} from '../helpers/ui.js';

const state = (fields: Partial<ReturnType<typeof initialState>> = {}) => ({
	...initialState({sort: 'pid', tree: false, filter: '', user: undefined, intervalMs: 1000}),
	showThreads: true,
	...fields,
});

describe('listed rows with threads', () => {
	const init = processSample({pid: 1, ppid: 0, command: '/sbin/init'});
	const server = processSample({pid: 300, ppid: 1, threads: 3, command: 'node server.js', app: 'server'});
	const child = processSample({pid: 400, ppid: 300, command: 'esbuild --service', app: 'server'});
	const thread = (tid: number) => processSample({pid: tid, ppid: 300, threadOf: 300, name: `worker${tid}`, command: 'node server.js', app: 'server'});
	const threads = [thread(301), thread(302)];

	test('in the tree, under their process beside its children; flat, among the processes by the sort', () => {
		const tree = listedRows([init, server, child], state({tree: true}), undefined, threads);
		expect(tree.map(row => `${row.prefix}${row.process.pid}`)).toEqual(['1', '└─ 300', '   ├─ 301', '   ├─ 302', '   └─ 400']);
		const flat = listedRows([init, server, child], state(), undefined, threads);
		expect(flat.map(row => row.process.pid)).toEqual([1, 300, 301, 302, 400]);
	});

	test('hidden (H off), none; grouped by app, none (a group would count them twice); --pid keeps a process with its threads', () => {
		expect(listedRows([init, server], state({showThreads: false}), undefined, threads)).toHaveLength(2);
		const groups = listedRows([init, server, child], state({grouped: true}), undefined, threads);
		expect(groups.find(row => row.process.app === 'server')?.group).toHaveLength(2);
		expect(listedRows([init, server, child], state(), [300], threads).map(row => row.process.pid)).toEqual([300, 301, 302]);
		expect(listedRows([init, server, child], state({tree: true}), [300], threads).map(row => row.process.pid)).toEqual([1, 300, 301, 302]);
	});

	test('a filter matching the process keeps its threads (they share its command line)', () => {
		expect(listedRows([init, server, child], state({filter: 'server.js'}), undefined, threads).map(row => row.process.pid)).toEqual([300, 301, 302]);
	});
});

const mounted: Array<ReturnType<typeof render>> = [];
afterEach(() => {
	for (const ui of mounted.splice(0)) ui.unmount();
});

/** A thread table that grows the worker's ticks by 50 per read (half a core at the test's pace is not what matters: that it is its own). */
function scriptedThreads() {
	let reads = 0;
	let released = 0;
	return {
		reads: () => reads,
		released: () => released,
		read(owners: Iterable<ThreadOwner>, withLeaders: boolean): RawThread[] {
			reads++;
			const list = [...owners];
			if (!list.some(owner => owner.pid === 300)) return [];
			const thread = (tid: number, name: string, cpuTicks: number): RawThread => ({
				tid,
				pid: 300,
				name,
				state: 'S',
				cpuTicks,
				systemTicks: 0,
				priority: 20,
				nice: 0,
				startTicks: String(tid),
				key: `${tid}:${tid}`,
			});
			return [...(withLeaders ? [thread(300, 'node', 0)] : []), thread(301, 'worker-a', reads * 50), thread(302, 'worker-b', 0)];
		},
		release() {
			released++;
		},
	};
}

async function mount(threadsFlag = false) {
	const world = [
		rawProcess({pid: 1, ppid: 0, name: 'init', command: '/sbin/init', user: 'root'}),
		rawProcess({pid: 300, ppid: 1, name: 'node', command: 'node server.js', user: 'alice', threads: 3}),
	];
	const table = counting(() => world);
	const threads = scriptedThreads();
	const platform = fakePlatform({world: () => world, threads});
	const ui = render(
		<App
			options={testOptions({sort: 'pid', threads: threadsFlag})}
			sampler={fakeSampler(table.tables)}
			platform={platform}
			viewport={{columns: 120, rows: 30}}
		/>,
	);
	mounted.push(ui);
	await frameWith(ui, text => text.includes('node server.js'));
	await afterReads(table.reads, 1);
	return {ui, threads, platform};
}

describe('H in the App', () => {
	test('H lists the threads (TID, own CPU%, name), reading nothing before; H again hides them and releases the files', async () => {
		const {ui, threads} = await mount();
		expect(threads.reads()).toBe(0);
		ui.stdin.write('H');
		const shown = await frameWith(ui, text => /\{worker-a\} thread of 300/.test(text) && /threads shown/.test(text));
		expect(shown).toMatch(/\s301 alice .*\{worker-a\} thread of 300/);
		expect(shown).toMatch(/\s302 alice .*\{worker-b\} thread of 300/);
		expect(shown).not.toMatch(/\{node\}/); // the main thread is the process row itself, as in htop
		// The worker's ticks grow 50 per read: once measured it is busy and its sibling idle.
		const measured = await frameWith(ui, text => /301 .* S\s+[1-9][\d.]*\s/.test(text));
		expect(measured).toMatch(/302 .* S\s+0\.0\s/);
		ui.stdin.write('H');
		await frameWith(ui, text => !text.includes('thread of 300') && text.includes('threads hidden'));
		const reads = threads.reads();
		expect(threads.released()).toBeGreaterThan(0);
		await frameWith(ui, text => text.includes('node server.js'));
		expect(threads.reads()).toBe(reads);
	});

	test('--threads starts with them shown; k on a thread row aims the signal at its process, and Space tags the process', async () => {
		const {ui, platform} = await mount(true);
		await frameWith(ui, text => text.includes('{worker-a} thread of 300'));
		// Search selects the thread's row by its own name.
		ui.stdin.write('/');
		ui.stdin.write('worker-a');
		await frameWith(ui, text => /1 match/.test(text));
		ui.stdin.write('\r');
		ui.stdin.write('k');
		const menu = await frameWith(ui, text => text.includes('Send a signal'));
		expect(strip(menu)).toMatch(/Target: 300 node/);
		ui.stdin.write('\u001b');
		await frameWith(ui, text => !text.includes('Send a signal'));
		ui.stdin.write('/');
		ui.stdin.write('worker-b');
		await frameWith(ui, text => /1 match/.test(text));
		ui.stdin.write('\r');
		ui.stdin.write(' ');
		const tagged = strip(await frameWith(ui, text => /\* node server\.js/.test(strip(text))));
		expect(tagged).not.toMatch(/\* \{worker/);
		ui.stdin.write('k');
		await frameWith(ui, text => text.includes('Send a signal'));
		ui.stdin.write('\r');
		await frameWith(ui, text => !text.includes('Send a signal'));
		expect(platform.sent).toEqual([[300, 'SIGTERM']]);
	});

	test('where threads cannot be read (a recording, another machine), H says so and lists none', async () => {
		const world = [rawProcess({pid: 300, ppid: 1, name: 'node', command: 'node server.js', threads: 3})];
		const ui = render(
			<App options={testOptions()} sampler={fakeSampler(() => world)} platform={fakePlatform({world: () => world})} viewport={{columns: 120, rows: 30}} />,
		);
		mounted.push(ui);
		await frameWith(ui, text => text.includes('node server.js'));
		ui.stdin.write('H');
		const frame = await frameWith(ui, text => text.includes('threads cannot be read here'));
		expect(frame).not.toContain('thread of');
	});
});
