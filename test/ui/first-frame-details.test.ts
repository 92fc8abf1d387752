// The first frame's deferred details (ui/first-frame.ts): the first sample leaves command lines
// and owners out, the fill puts them into that sample's objects and into the history (which takes
// the tick whole after the fill, or, with the CPU graph column showing, has taken it already), and
// nothing afterwards can tell the difference. Run on the real
// procfs reader over a builder tree, the real sampler and the real history.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {rememberingSampler} from '../../source/history/remembering-sampler.js';
import {createHistory} from '../../source/history/ring.js';
import {identifyingSampler} from '../../source/identify/identifier.js';
import {createProcfsSource} from '../../source/platform/linux/procfs.js';
import {createSampler} from '../../source/sampling/sampler.js';
import type {ProcessSample, Snapshot} from '../../source/types.js';
import {deferredDetails, listingNeedsDetails} from '../../source/ui/first-frame.js';
import {initialState} from '../../source/ui/state.js';
import {fakeInspector} from '../helpers/fake-inspector.js';
import {type FakeProc, fakeClock, writePasswd, writeProcTree} from '../helpers/proc-builder.js';

let proc: FakeProc | undefined;
afterEach(() => proc?.cleanup());

function setUp() {
	proc = writeProcTree([
		{pid: 1, comm: 'init', ppid: 0, starttime: 1, cmdline: '/sbin/init\0splash\0'},
		{pid: 40, comm: 'api', starttime: 5, cmdline: 'node\0server.js\0--port=8080\0'},
		{pid: 41, comm: 'worker', starttime: 6, cmdline: 'worker\0-j4\0'},
	]);
	const passwd = writePasswd(proc);
	const source = createProcfsSource({procRoot: proc.root, passwdPath: passwd});
	const clock = fakeClock();
	const history = createHistory({windowMs: 600_000});
	const sampler = rememberingSampler(createSampler({source, clock, cores: 1}), history);
	return {source, clock, history, sampler};
}

const texts = (snapshot: Snapshot) =>
	[...snapshot.processes].sort((a, b) => a.pid - b.pid).map(({pid, command, user, uid}: ProcessSample) => ({pid, command, user, uid}));

const WHOLE = [
	{pid: 1, command: '/sbin/init splash', user: 'someone', uid: process.getuid!()},
	{pid: 40, command: 'node server.js --port=8080', user: 'someone', uid: process.getuid!()},
	{pid: 41, command: 'worker -j4', user: 'someone', uid: process.getuid!()},
];

describe.runIf(process.platform === 'linux')('deferred details', () => {
	test('the history holds the tick until the last fill, then takes it whole', async () => {
		const {source, clock, history, sampler} = setUp();
		const details = deferredDetails(source, sampler)!;
		details.defer(true);
		const first = await sampler.sample();
		expect(history.range()).toBeUndefined();
		details.fill(first, [40]);
		expect(history.range()).toBeUndefined();
		details.fill(first);
		expect(history.range()).toEqual({oldest: 0, newest: 0});
		expect(texts(history.at(0)!.snapshot)).toEqual(WHOLE);
		clock.advance(1000);
		await sampler.sample();
		expect(history.range()).toEqual({oldest: 0, newest: 1});
		expect(texts(history.at(1)!.snapshot)).toEqual(WHOLE);
	});

	test('the rows on screen first, then the rest: the sample and the remembered tick end up whole', async () => {
		const {source, clock, history, sampler} = setUp();
		const details = deferredDetails(source, sampler)!;
		details.defer(false);
		const first = await sampler.sample();
		expect(texts(first).map(({command, user}) => command + user)).toEqual(['', '', '']);
		details.fill(first, [40]);
		expect(texts(first)[1]).toEqual(WHOLE[1]);
		expect(texts(first)[2]!.command).toBe('');
		details.fill(first);
		expect(texts(first)).toEqual(WHOLE);
		// The history recorded the tick before the fill: it now has what the sample has.
		expect(texts(history.at(0)!.snapshot)).toEqual(WHOLE);
		// The next tick finds nothing changed in their texts, and reads no command line again.
		writeFileSync(join(proc!.root, '41', 'cmdline'), 'changed\0');
		clock.advance(1000);
		const second = await sampler.sample();
		expect(texts(second)).toEqual(WHOLE);
		expect(texts(history.at(1)!.snapshot)).toEqual(WHOLE);
	});

	// A held tick nobody filled (the first frame gave up) is still remembered, before the next.
	test.each([false, true])('without a fill the next tick reads them, and the history takes them as a change (tick held: %s)', async hold => {
		const {source, clock, history, sampler} = setUp();
		deferredDetails(source, sampler)!.defer(hold);
		await sampler.sample();
		clock.advance(1000);
		expect(texts(await sampler.sample())).toEqual(WHOLE);
		expect(history.range()).toEqual({oldest: 0, newest: 1});
		expect(texts(history.at(0)!.snapshot).map(({command}) => command)).toEqual(['', '', '']);
		expect(texts(history.at(1)!.snapshot)).toEqual(WHOLE);
	});

	test('a fill reaches only the tick it was deferred in: an older identity keeps its texts', async () => {
		const {clock, history, sampler} = setUp();
		await sampler.sample();
		const before = history.at(0)!.snapshot.processes.find(process => process.pid === 40)!;
		clock.advance(1000);
		const second = await sampler.sample();
		// A stage that rewrote a live sample's command after the tick (nothing does) must not rewrite the past.
		second.processes.find(process => process.pid === 40)!.command = 'rewritten';
		history.completeNewest(second.processes);
		expect(history.at(0)!.snapshot.processes.find(process => process.pid === 40)!.command).toBe(before.command);
		expect(history.at(1)!.snapshot.processes.find(process => process.pid === 40)!.command).toBe('node server.js --port=8080');
	});

	test("with the identify stage: the first tick's labels wait too, the rows on screen get theirs with their details", async () => {
		const {source, clock, history} = setUp();
		// The identify stage over a stand-in inspector (its reads are tested against /proc in test/platform).
		const inspector = fakeInspector(() => ({argv: {40: ['node', 'server.js'], 41: ['worker', '-j4']}, cwd: {40: '/srv/api'}, packages: {'/srv/api': 'api'}}));
		const identifying = identifyingSampler(createSampler({source, clock, cores: 1}), inspector, {budgetMs: 25});
		const sampler = rememberingSampler(identifying, history);
		const details = deferredDetails(source, sampler, identifying.labelling)!;
		details.defer(true);
		const first = await sampler.sample();
		const apps = (snapshot: Snapshot) => [...snapshot.processes].sort((a, b) => a.pid - b.pid).map(process => process.app);
		expect(apps(first)).toEqual(['', '', '']);
		details.fill(first, [40]);
		details.fill(first);
		// The row on screen is labelled; the rest wait for the next tick, as past the stage's budget.
		expect(apps(first)).toEqual(['', 'api › server.js', '']);
		expect(apps(history.at(0)!.snapshot)).toEqual(['', 'api › server.js', '']);
		clock.advance(1000);
		const second = await sampler.sample();
		expect(apps(second)).toEqual(['init', 'api › server.js', 'worker']);
		expect(texts(second)).toEqual(WHOLE);
	});

	test('a source that cannot defer gives none', () => {
		expect(
			deferredDetails(
				{name: 'ps-list', cpuKind: 'reported', clockTicks: 100, bootTimeMs: 0, read: async () => ({processes: [], garbled: 0, limited: false})},
				undefined,
			),
		).toBeUndefined();
	});
});

describe('what the first screen needs of every process', () => {
	const state = (options: Partial<Parameters<typeof initialState>[0]> = {}) =>
		initialState({sort: 'cpu', tree: false, filter: '', user: undefined, intervalMs: 1000, columns: undefined, ...options});
	test.each([
		['sorted by CPU%', {}, false],
		['a tree sorted by memory', {tree: true, sort: 'memory' as const}, false],
		['sorted by name (comm, from stat)', {sort: 'name' as const}, false],
		['sorted by user', {sort: 'user' as const}, true],
		['sorted by APP (a label)', {sort: 'app' as const}, true],
		['sorted by SERVICE (a label)', {sort: 'service' as const}, true],
		['filtered (command lines are matched)', {filter: 'python'}, true],
		['one user only', {user: 'postgres'}, true],
	])('%s: %s', (_label, options, needs) => {
		expect(listingNeedsDetails(state(options))).toBe(needs);
	});
});
