import {describe, expect, test} from 'vitest';
import {createIdentifier} from '../../source/identify/identifier.js';
import type {Inspector, ProcessSample, Snapshot} from '../../source/types.js';
import {type FakeFacts, fakeInspector} from '../helpers/fake-inspector.js';
import {processSample} from '../helpers/processes.js';

function snapshot(processes: ProcessSample[], changes: Partial<Snapshot['changes']> = {}): Snapshot {
	return {
		takenAt: 0,
		elapsedMs: 1000,
		cpuKind: 'delta',
		processes,
		counts: {total: processes.length, running: 0, sleeping: 0, diskWait: 0, stopped: 0, zombie: 0, idle: 0, threads: 0, kernelThreads: 0},
		changes: {appeared: [], exited: [], reparented: [], ...changes},
		garbled: 0,
		limited: false,
		unseenListeners: [],
		cpuPercentPerCore: [],
		cores: 2,
	};
}

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
	test('labels apps and services, workers by their parent', () => {
		const identifier = createIdentifier(fakeInspector(pool));
		const processes = [processSample({pid: 10, name: 'python3'}), processSample({pid: 11, ppid: 10, name: 'python3'}), processSample({pid: 20, name: 'node'})];
		identifier.identify(snapshot(processes));
		expect(processes.map(process => process.app)).toEqual(['pool.py', 'worker of pool.py', 'api › server.js']);
		expect(processes.map(process => process.service)).toEqual(['', '', 'api.service']);
	});

	test('reads a command line once per identity, again after exec (a new name)', () => {
		const reads: number[] = [];
		const base = fakeInspector(pool);
		const inspector: Inspector = {...base, argv: pid => counted(reads, pid, base)};
		const identifier = createIdentifier(inspector);
		const node = () => processSample({pid: 20, name: 'node'});
		identifier.identify(snapshot([node()]));
		identifier.identify(snapshot([node()]));
		expect(reads).toEqual([20]);
		identifier.identify(snapshot([processSample({pid: 20, name: 'sh'})]));
		expect(reads).toEqual([20, 20]);
	});

	test('forgets exited identities', () => {
		const reads: number[] = [];
		const base = fakeInspector(pool);
		const identifier = createIdentifier({...base, argv: pid => counted(reads, pid, base)});
		const node = processSample({pid: 20, name: 'node'});
		identifier.identify(snapshot([node]));
		identifier.identify(snapshot([], {exited: [{key: node.key, pid: 20, name: 'node', command: ''}]}));
		identifier.identify(snapshot([processSample({pid: 20, name: 'node'})]));
		expect(reads).toEqual([20, 20]);
	});

	test('ports land on their holder; unseen sockets on the snapshot', () => {
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
		const result = identifier.identify(snapshot(processes));
		expect(processes[0]!.ports).toEqual([tcp(3000)]);
		expect(processes[1]!.ports).toEqual([]);
		expect(result.unseenListeners).toEqual([tcp(5432)]);
	});

	test('without an argv from the platform (ps-list), the joined command line is used', () => {
		const identifier = createIdentifier({argv: () => undefined, cwd: () => undefined, packageNear: () => undefined});
		const process = processSample({pid: 5, name: 'java', command: '/usr/bin/java -jar /opt/app.jar'});
		identifier.identify(snapshot([process]));
		expect(process.app).toBe('app.jar');
	});
});
