import {describe, expect, test} from 'vitest';
import {createPortIndex, FDS_SLICE} from '../../source/identify/ports.js';
import type {Listener} from '../../source/types.js';
import {type FakeFacts, fakeInspector} from '../helpers/fake-inspector.js';
import {processSample} from '../helpers/processes.js';

/** No process appeared or exited since the last scan. */
const QUIET = {appeared: new Set<string>(), exitedPids: new Set<number>()};
const tcp = (port: number, address = '0.0.0.0'): Listener => ({protocol: 'tcp', address, port});

describe('createPortIndex', () => {
	test('finds holders, then reads no fds while the listening set stays the same', async () => {
		let facts: FakeFacts = {listening: new Map([['100', tcp(3000)]]), sockets: {20: ['100', '999']}};
		const inspector = fakeInspector(() => facts);
		const index = createPortIndex({listening: inspector.listening!, socketsOf: inspector.socketsOf!});
		const processes = [processSample({pid: 10}), processSample({pid: 20}), processSample({pid: 30})];
		const first = await index.scan(processes, QUIET);
		expect(first.byPid.get(20)).toEqual([tcp(3000)]);
		expect(inspector.fdReads).toEqual([10, 20]); // stopped once every socket had a holder
		inspector.fdReads.length = 0;
		await index.scan(processes, QUIET);
		await index.scan(processes, QUIET);
		expect(inspector.fdReads).toEqual([]);
		// A new listener: new processes are read first.
		facts = {listening: new Map([...facts.listening!, ['200', tcp(8080)]]), sockets: {20: ['100'], 40: ['200']}};
		const withNew = [...processes, processSample({pid: 40})];
		const next = await index.scan(withNew, {appeared: new Set([withNew[3]!.key]), exitedPids: new Set<number>()});
		expect(inspector.fdReads).toEqual([40]);
		expect(next.byPid.get(40)).toEqual([tcp(8080)]);
		expect(next.byPid.get(20)).toEqual([tcp(3000)]);
	});

	test('a holder that exits is looked for again (a forked worker may still hold the socket)', async () => {
		let facts: FakeFacts = {listening: new Map([['100', tcp(5000)]]), sockets: {10: ['100'], 11: ['100']}};
		const inspector = fakeInspector(() => facts);
		const index = createPortIndex({listening: inspector.listening!, socketsOf: inspector.socketsOf!});
		expect((await index.scan([processSample({pid: 10}), processSample({pid: 11})], QUIET)).byPid.get(10)).toEqual([tcp(5000)]);
		facts = {...facts, sockets: {11: ['100']}};
		const after = await index.scan([processSample({pid: 11})], {appeared: new Set(), exitedPids: new Set([10])});
		expect(after.byPid.get(11)).toEqual([tcp(5000)]);
		expect(after.unseen).toEqual([]);
	});

	test('a socket no visible process holds is unseen, never free', async () => {
		const inspector = fakeInspector(() => ({listening: new Map([['7', tcp(5432, '127.0.0.1')]]), sockets: {1: 'denied', 2: []}}));
		const scan = await createPortIndex({listening: inspector.listening!, socketsOf: inspector.socketsOf!}).scan(
			[processSample({pid: 1}), processSample({pid: 2})],
			QUIET,
		);
		expect(scan.byPid.size).toBe(0);
		expect(scan.unseen).toEqual([tcp(5432, '127.0.0.1')]);
	});

	test('kernel threads are never read', async () => {
		const inspector = fakeInspector(() => ({listening: new Map([['7', tcp(22)]])}));
		await createPortIndex({listening: inspector.listening!, socketsOf: inspector.socketsOf!}).scan([processSample({pid: 2, isKernelThread: true})], QUIET);
		expect(inspector.fdReads).toEqual([]);
	});

	test('with a change token: the costly tables are read only when it changes, a process appears, or every 30 ticks', async () => {
		let facts: FakeFacts = {token: 'TCP: inuse 3', listening: new Map([['100', tcp(3000)]]), sockets: {20: ['100']}};
		const inspector = fakeInspector(() => facts);
		const index = createPortIndex({listening: inspector.listening!, socketsOf: inspector.socketsOf!, socketsToken: inspector.socketsToken!});
		const processes = [processSample({pid: 20})];
		await index.scan(processes, QUIET);
		expect(inspector.tableReads()).toBe(1);
		for (let tick = 0; tick < 10; tick++) await index.scan(processes, QUIET);
		expect(inspector.tableReads()).toBe(1); // quiet
		facts = {...facts, token: 'TCP: inuse 4', listening: new Map([...facts.listening!, ['200', tcp(8080)]]), sockets: {20: ['100', '200']}};
		expect((await index.scan(processes, QUIET)).byPid.get(20)).toEqual([tcp(3000), tcp(8080)]);
		expect(inspector.tableReads()).toBe(2);
		await index.scan([...processes, processSample({pid: 30})], {appeared: new Set(['30:100']), exitedPids: new Set<number>()});
		expect(inspector.tableReads()).toBe(3); // a new process
		for (let tick = 0; tick < 30; tick++) await index.scan(processes, QUIET);
		expect(inspector.tableReads()).toBe(4); // the periodic re-check
	});

	test('the fd walk pauses every FDS_SLICE processes (a key typed meanwhile is answered), and still finds the holder after them', async () => {
		const count = 2 * FDS_SLICE + 10;
		const inspector = fakeInspector(() => ({listening: new Map([['100', tcp(3000)]]), sockets: {[count]: ['100']}}));
		let reads = 0;
		const readsAtPauses: number[] = [];
		const index = createPortIndex({
			listening: inspector.listening!,
			socketsOf: pid => {
				reads++;
				return inspector.socketsOf!(pid);
			},
		});
		const processes = Array.from({length: count}, (_, at) => processSample({pid: at + 1}));
		const scan = await index.scan(processes, QUIET, async () => {
			readsAtPauses.push(reads);
		});
		expect(readsAtPauses).toEqual([FDS_SLICE - 1, 2 * FDS_SLICE - 1]);
		expect(reads).toBe(count);
		expect(scan.byPid.get(count)).toEqual([tcp(3000)]);
	});
});
