import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {describe, expect, test} from 'vitest';
import {createIdentifier} from '../../source/identify/identifier.js';
import type {Inspector} from '../../source/types.js';
import {type FakeFacts, fakeInspector} from '../helpers/fake-inspector.js';
import {processSample, snapshotOf} from '../helpers/processes.js';

function counted(reads: number[], pid: number, inspector: Inspector) {
	reads.push(pid);
	return inspector.argv(pid);
}

const pool = (): FakeFacts => ({
	argv: {
		10: ['/usr/bin/python3', 'pool.py'],
		11: ['/usr/bin/python3', '-c', 'from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5, pipe_handle=7)', '--multiprocessing-fork'],
		20: ['node', 'server.js'],
	},
	cwd: {10: '/srv/jobs', 20: '/srv/api'},
	packages: {'/srv/api': 'api'},
	cgroup: {20: '0::/system.slice/api.service\n'},
});

describe('createIdentifier', () => {
	test('labels apps and services, workers by their parent', async () => {
		const identifier = createIdentifier(fakeInspector(pool));
		const processes = [processSample({pid: 10, name: 'python3'}), processSample({pid: 11, ppid: 10, name: 'python3'}), processSample({pid: 20, name: 'node'})];
		await identifier.identify(snapshotOf(processes));
		expect(processes.map(process => process.app)).toEqual(['pool.py', 'worker of pool.py', 'api › server.js']);
		expect(processes.map(process => process.service)).toEqual(['', '', 'api.service']);
	});

	test('reads a command line once per identity, again after exec (a new name)', async () => {
		const reads: number[] = [];
		const base = fakeInspector(pool);
		const inspector: Inspector = {...base, argv: pid => counted(reads, pid, base)};
		const identifier = createIdentifier(inspector);
		const node = () => processSample({pid: 20, name: 'node'});
		await identifier.identify(snapshotOf([node()]));
		await identifier.identify(snapshotOf([node()]));
		expect(reads).toEqual([20]);
		await identifier.identify(snapshotOf([processSample({pid: 20, name: 'sh'})]));
		expect(reads).toEqual([20, 20]);
	});

	test('a held tick labels no new process; labelNow labels the ones asked for, and the next tick keeps them', async () => {
		const reads: number[] = [];
		const base = fakeInspector(pool);
		const identifier = createIdentifier({...base, argv: pid => counted(reads, pid, base)}, {budgetMs: 25});
		const processes = () => [processSample({pid: 10, name: 'python3'}), processSample({pid: 20, name: 'node'})];
		identifier.holdNext();
		const first = snapshotOf(processes());
		await identifier.identify(first);
		expect(first.processes.map(process => process.app)).toEqual(['', '']);
		expect(reads).toEqual([]);
		expect(identifier.labelNow(first, [20]).map(process => process.pid)).toEqual([20]);
		expect(first.processes.map(process => [process.app, process.service])).toEqual([
			['', ''],
			['api › server.js', 'api.service'],
		]);
		// Only the one held tick: the next labels the rest, and pid 20 from what labelNow learned.
		const second = snapshotOf(processes());
		await identifier.identify(second);
		expect(second.processes.map(process => process.app)).toEqual(['pool.py', 'api › server.js']);
		expect(reads).toEqual([20, 10]);
	});

	test('forgets exited identities', async () => {
		const reads: number[] = [];
		const base = fakeInspector(pool);
		const identifier = createIdentifier({...base, argv: pid => counted(reads, pid, base)});
		const node = processSample({pid: 20, name: 'node'});
		await identifier.identify(snapshotOf([node]));
		await identifier.identify(snapshotOf([], {exited: [{key: node.key, pid: 20, name: 'node', command: ''}]}));
		await identifier.identify(snapshotOf([processSample({pid: 20, name: 'node'})]));
		expect(reads).toEqual([20, 20]);
	});

	test('ports land on their holder; unseen sockets on the snapshot', async () => {
		const tcp = (port: number) => ({protocol: 'tcp' as const, address: '0.0.0.0', port});
		const identifier = createIdentifier(
			fakeInspector(() => ({
				...pool(),
				listening: new Map([
					['1', tcp(3000)],
					['2', tcp(5432)],
				]),
				sockets: {20: ['1'], 30: 'denied'},
			})),
		);
		const processes = [processSample({pid: 20, name: 'node'}), processSample({pid: 30, name: 'postgres'})];
		const result = await identifier.identify(snapshotOf(processes));
		expect(processes[0]!.ports).toEqual([tcp(3000)]);
		expect(processes[1]!.ports).toEqual([]);
		expect(result.unseenListeners).toEqual([tcp(5432)]);
	});

	test('without an argv from the platform (ps-list), the joined command line is used', async () => {
		const identifier = createIdentifier({argv: () => undefined, cwd: () => undefined, packageNear: () => undefined});
		const process = processSample({pid: 5, name: 'java', command: '/usr/bin/java -jar /opt/app.jar'});
		await identifier.identify(snapshotOf([process]));
		expect(process.app).toBe('app.jar');
	});
});

describe('with a time budget (the interactive UI)', () => {
	test('labels the busiest first, leaves the rest for later ticks, and finds ports from the second tick', async () => {
		let clock = 0;
		const facts = (): FakeFacts => ({
			argv: {1: ['node', 'a.js'], 2: ['node', 'b.js'], 3: ['node', 'c.js']},
			listening: new Map([['9', {protocol: 'tcp', address: '0.0.0.0', port: 3000}]]),
			sockets: {1: ['9']},
		});
		const base = fakeInspector(facts);
		// Each command line takes 10 ms to read.
		const inspector: Inspector = {
			...base,
			argv(pid) {
				clock += 10;
				return base.argv(pid);
			},
		};
		const identifier = createIdentifier(inspector, {budgetMs: 5, now: () => clock});
		const processes = () => [processSample({pid: 1, cpuPercent: 1}), processSample({pid: 2, cpuPercent: 50}), processSample({pid: 3, cpuPercent: null})];
		const first = processes();
		await identifier.identify(snapshotOf(first));
		// 16 at a time between clock checks: all three fit the first batch; the busiest went first.
		expect(first.map(process => process.app)).toEqual(['a.js', 'b.js', 'c.js']);
		expect(first[0]!.ports).toEqual([]); // ports wait for the second tick
		const second = processes();
		await identifier.identify(snapshotOf(second));
		expect(second[0]!.ports).toEqual([{protocol: 'tcp', address: '0.0.0.0', port: 3000}]);
	});

	test('over budget: unlabelled processes show no label until a later tick labels them', async () => {
		let clock = 0;
		const argv: Record<number, string[]> = {};
		for (let pid = 1; pid <= 40; pid++) argv[pid] = ['node', `s${pid}.js`];
		const base = fakeInspector(() => ({argv}));
		const identifier = createIdentifier(
			{
				...base,
				argv(pid) {
					clock += 1;
					return base.argv(pid);
				},
			},
			{budgetMs: 10, now: () => clock},
		);
		const processes = () => Array.from({length: 40}, (_, index) => processSample({pid: index + 1, cpuPercent: index}));
		const first = processes();
		await identifier.identify(snapshotOf(first));
		const labelled = first.filter(process => process.app !== '');
		expect(labelled.length).toBe(16); // one batch of 16, then the clock said stop
		expect(labelled.every(process => process.pid > 24)).toBe(true); // the busiest
		const later = processes();
		for (let tick = 0; tick < 3; tick++) await identifier.identify(snapshotOf(later));
		expect(later.every(process => process.app === `s${process.pid}.js`)).toBe(true);
	});
});

describe('what the labels keep alive', () => {
	test("a process's labels do not keep its whole cgroup text or command line alive", async () => {
		setFlagsFromString('--expose-gc');
		const collectGarbage = runInNewContext('gc') as () => void;
		// 100 cgroup texts and 100 command lines of ~100 KB each, made when asked for and unlike the
		// others; one cgroup path and one script in all of them.
		const inspector: Inspector = {
			...fakeInspector(),
			cgroup: pid => `11:devices:/${pid}${'x'.repeat(100_000)}\n0::/user.slice/app.scope\n`,
			argv: pid => `/usr/bin/python3 /srv/jobs/nightly_report_builder.py --id=${pid}${'y'.repeat(100_000)}`.split(' '),
		};
		const identifier = createIdentifier(inspector);
		const processes = Array.from({length: 100}, (_, index) => processSample({pid: 1000 + index, name: 'worker'}));
		collectGarbage();
		const before = process.memoryUsage().heapUsed;
		await identifier.identify(snapshotOf(processes));
		collectGarbage();
		const kept = process.memoryUsage().heapUsed - before;
		expect(processes.every(sample => sample.cgroup === '/user.slice/app.scope' && sample.service === 'app.scope')).toBe(true);
		expect(processes.every(sample => sample.app === 'nightly_report_builder.py')).toBe(true);
		// ~20 MB if every label held on to its text; one of each (~200 KB) when shared.
		expect(kept).toBeLessThan(2_000_000);
		expect(identifier).toBeDefined();
	});
});
