import {describe, expect, test} from 'vitest';
import {baseUrl} from '../../source/platform/remote/connect.js';
import {fromDocument} from '../../source/platform/remote/document.js';

const document = (processes: unknown[], hostname = 'web-1') => ({
	takenAt: '2026-11-28T10:00:00.000Z',
	cpuKind: 'delta',
	system: {
		hostname,
		cores: 4,
		cpuPercentPerCore: [1, 2, 3, 4],
		memory: {totalBytes: 8e9, usedBytes: 2e9, availableBytes: 6e9},
		swap: {totalBytes: 0, usedBytes: 0},
		uptimeSeconds: 100,
		loadAverage: [0.1, 0.2, 0.3],
		tasks: {total: processes.length, running: 1, sleeping: 0, diskWait: 0, stopped: 0, zombie: 0, idle: 0, threads: 3, kernelThreads: 0},
		limited: false,
		garbled: 0,
	},
	processes,
});
const server = {
	pid: 42,
	ppid: 1,
	name: 'node',
	command: 'node server.js',
	user: 'ana',
	uid: 1000,
	state: 'S',
	cpuPercent: 12.5,
	memoryPercent: 1,
	residentBytes: 1e6,
	virtualBytes: 1e7,
	threads: 7,
	nice: 0,
	priority: 20,
	startTime: '2026-11-28T09:00:00.000Z',
	cpuSeconds: 3.2,
	isKernelThread: false,
	isOrphan: false,
	app: 'api › server.js',
	ports: [{protocol: 'tcp', address: '0.0.0.0', port: 3000}],
	service: 'api.service',
};

describe('--connect: a snapshot from another machine', () => {
	test('processes, meters and the identity (pid, start time) as proctop has them locally', () => {
		const {snapshot, system} = fromDocument(document([server]), new Map(), undefined);
		expect(snapshot.processes[0]).toMatchObject({
			pid: 42,
			key: '42:2026-11-28T09:00:00.000Z',
			app: 'api › server.js',
			ports: [{port: 3000}],
			cpuPercent: 12.5,
			cpuSeconds: 3.2,
		});
		expect(system).toMatchObject({hostname: 'web-1', loadAverage: [0.1, 0.2, 0.3], cpuPercentPerCore: [1, 2, 3, 4]});
		expect(snapshot.cores).toBe(4);
	});

	test('what exited and appeared is worked out from the previous document', () => {
		const first = fromDocument(document([server]), new Map(), undefined);
		const previous = new Map(first.snapshot.processes.map(process => [process.key, process]));
		const next = fromDocument(document([{...server, pid: 43}]), previous, first.snapshot.takenAt);
		expect(next.snapshot.changes.exited.map(gone => gone.pid)).toEqual([42]);
		expect(next.snapshot.changes.appeared).toEqual(['43:2026-11-28T09:00:00.000Z']);
	});

	test('untrusted text from the network is escaped again; junk entries are dropped; a non-document is refused', () => {
		const hostile = {...server, name: 'x\u001b]0;pwned\u0007', command: '\u001b[2J', app: '\u202eexe', user: 'a\nb'};
		const {snapshot, system} = fromDocument(document([hostile, {pid: 'nope'}, null], 'h\u001b[31m'), new Map(), undefined);
		expect(snapshot.processes).toHaveLength(1);
		expect(snapshot.processes[0]).toMatchObject({name: 'x\\e]0;pwned\\x07', command: '\\e[2J', app: '\\u{202e}exe', user: 'a\\nb'});
		expect(system.hostname).toBe('h\\e[31m');
		expect(() => fromDocument({hello: 'world'}, new Map(), undefined)).toThrow('the answer is not a proctop snapshot');
	});

	test('the URL may be written as host:port, with a scheme, or as the /metrics address', () => {
		expect(baseUrl('web-1:9256')).toBe('http://web-1:9256');
		expect(baseUrl('http://web-1:9256/metrics')).toBe('http://web-1:9256');
		expect(baseUrl('https://proxy.example/proctop/')).toBe('https://proxy.example/proctop');
	});
});
