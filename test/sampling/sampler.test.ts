import {describe, expect, test} from 'vitest';
import {createSampler, systemClock} from '../../source/sampling/sampler.js';
import type {RawProcess, Source, SourceTable} from '../../source/types.js';
import {fakeClock} from '../helpers/proc-builder.js';

function raw(fields: Partial<RawProcess> & {pid: number}): RawProcess {
	return {
		ppid: 1,
		pgrp: 0,
		session: 0,
		tty: 0,
		flags: 0,
		state: 'S',
		name: `p${fields.pid}`,
		command: `p${fields.pid}`,
		uid: 0,
		user: 'root',
		cpuTicks: 0,
		systemTicks: 0,
		priority: 20,
		nice: 0,
		threads: 1,
		startTicks: '100',
		virtualBytes: 0,
		residentBytes: 0,
		isKernelThread: false,
		...fields,
	};
}

/** A scripted source: each read returns the next table. */
function scriptedSource(tables: Array<Partial<SourceTable> & {processes: RawProcess[]}>): Source {
	let index = 0;
	return {
		name: 'procfs',
		cpuKind: 'delta',
		clockTicks: 100,
		bootTimeMs: 1_000_000,
		async read() {
			const table = tables[Math.min(index++, tables.length - 1)]!;
			return {garbled: 0, limited: false, memoryTotalBytes: 1000, ...table};
		},
	};
}

describe('createSampler', () => {
	test('CPU% comes from deltas over elapsed time, none on first sight', async () => {
		const clock = fakeClock();
		const sampler = createSampler({
			clock,
			cores: 2,
			source: scriptedSource([{processes: [raw({pid: 10, cpuTicks: 100})]}, {processes: [raw({pid: 10, cpuTicks: 150}), raw({pid: 11, cpuTicks: 999})]}]),
		});
		const first = await sampler.sample();
		expect(first.processes[0]!.cpuPercent).toBeNull();
		clock.advance(1000);
		const second = await sampler.sample();
		expect(second.processes.find(p => p.pid === 10)!.cpuPercent).toBe(50);
		expect(second.processes.find(p => p.pid === 11)!.cpuPercent).toBeNull();
		expect(second.elapsedMs).toBe(1000);
	});

	test('a reused pid with a new start time is a new identity: no delta, old one exited', async () => {
		const clock = fakeClock();
		const sampler = createSampler({
			clock,
			cores: 1,
			source: scriptedSource([
				{processes: [raw({pid: 10, startTicks: '100', cpuTicks: 100, name: 'old'})]},
				{processes: [raw({pid: 10, startTicks: '555', cpuTicks: 120, name: 'new'})]},
			]),
		});
		await sampler.sample();
		clock.advance(1000);
		const snapshot = await sampler.sample();
		expect(snapshot.processes[0]!.cpuPercent).toBeNull();
		expect(snapshot.changes.appeared).toEqual(['10:555']);
		expect(snapshot.changes.exited).toEqual([{key: '10:100', pid: 10, name: 'old', command: 'p10'}]);
	});

	test('a ppid change marks the process reparented and keeps it an orphan', async () => {
		const clock = fakeClock();
		const sampler = createSampler({
			clock,
			cores: 1,
			source: scriptedSource([
				{processes: [raw({pid: 5}), raw({pid: 6, ppid: 5})]},
				{processes: [raw({pid: 6, ppid: 1})]},
				{processes: [raw({pid: 6, ppid: 1})]},
			]),
		});
		await sampler.sample();
		const second = await sampler.sample();
		expect(second.changes.reparented).toEqual(['6:100']);
		expect(second.processes[0]!.isOrphan).toBe(true);
		const third = await sampler.sample();
		expect(third.changes.reparented).toEqual([]);
		expect(third.processes[0]!.isOrphan).toBe(true);
	});

	test('the first tick reports nothing as appeared', async () => {
		const sampler = createSampler({cores: 1, clock: fakeClock(), source: scriptedSource([{processes: [raw({pid: 1})]}])});
		expect((await sampler.sample()).changes.appeared).toEqual([]);
	});

	test('counts by state, threads, MEM%, garbled and limited pass through', async () => {
		const sampler = createSampler({
			cores: 1,
			clock: fakeClock(),
			source: scriptedSource([
				{
					garbled: 2,
					limited: true,
					memoryTotalBytes: 1000,
					processes: [
						raw({pid: 1, state: 'R', threads: 3, residentBytes: 250}),
						raw({pid: 2, state: 'S'}),
						raw({pid: 3, state: 'D'}),
						raw({pid: 4, state: 'T'}),
						raw({pid: 5, state: 't'}),
						raw({pid: 6, state: 'Z'}),
						raw({pid: 7, state: 'I'}),
					],
				},
			]),
		});
		const snapshot = await sampler.sample();
		expect(snapshot.counts).toEqual({kernelThreads: 0, total: 7, running: 1, sleeping: 1, diskWait: 1, stopped: 2, zombie: 1, idle: 1, threads: 9});
		expect(snapshot.processes[0]!.memoryPercent).toBe(25);
		expect(snapshot.garbled).toBe(2);
		expect(snapshot.limited).toBe(true);
	});

	test('elapsed 0 between ticks gives no CPU value rather than Infinity', async () => {
		const clock = fakeClock();
		const sampler = createSampler({
			clock,
			cores: 1,
			source: scriptedSource([{processes: [raw({pid: 1, cpuTicks: 0})]}, {processes: [raw({pid: 1, cpuTicks: 10})]}]),
		});
		await sampler.sample();
		expect((await sampler.sample()).processes[0]!.cpuPercent).toBeNull();
	});

	test('start time and CPU seconds are converted with CLK_TCK and boot time', async () => {
		const sampler = createSampler({cores: 1, clock: fakeClock(), source: scriptedSource([{processes: [raw({pid: 1, startTicks: '250', cpuTicks: 1234})]}])});
		const [process] = (await sampler.sample()).processes;
		expect(process!.startTimeMs).toBe(1_000_000 + 2500);
		expect(process!.cpuSeconds).toBeCloseTo(12.34);
	});

	test('per-core busy % from consecutive /proc/stat readings', async () => {
		const sampler = createSampler({
			cores: 2,
			clock: fakeClock(),
			source: scriptedSource([
				{
					processes: [],
					cpus: [
						{busy: 0, total: 100},
						{busy: 0, total: 100},
					],
				},
				{
					processes: [],
					cpus: [
						{busy: 50, total: 200},
						{busy: 100, total: 200},
					],
				},
			]),
		});
		await sampler.sample();
		expect((await sampler.sample()).cpuPercentPerCore).toEqual([50, 100]);
	});

	test('reported CPU% (ps-list) passes through as-is', async () => {
		const source: Source = {
			...scriptedSource([{processes: [raw({pid: 3, reportedCpuPercent: 12.5, reportedMemoryPercent: 3})]}]),
			cpuKind: 'reported',
			name: 'ps-list',
		};
		const snapshot = await createSampler({cores: 1, clock: fakeClock(), source}).sample();
		expect(snapshot.cpuKind).toBe('reported');
		expect(snapshot.processes[0]).toMatchObject({cpuPercent: 12.5, memoryPercent: 3});
	});
});

describe('a tick leaves room for keys', () => {
	test('with thousands of processes the sampler and the identify stage yield to the event loop on the way', async () => {
		const {identifyingSampler} = await import('../../source/identify/identifier.js');
		const {fakeInspector} = await import('../helpers/fake-inspector.js');
		const processes = Array.from({length: 6000}, (_, index) => raw({pid: index + 2}));
		const source: Source = {name: 'procfs', cpuKind: 'delta', clockTicks: 100, bootTimeMs: 0, read: async () => ({processes, garbled: 0, limited: false})};
		for (const sampler of [createSampler({source, cores: 2}), identifyingSampler(createSampler({source, cores: 2}), fakeInspector())]) {
			// What a key press is to the loop: an I/O callback queued while the tick runs.
			const moments: string[] = [];
			const tick = sampler.sample().then(() => moments.push('tick done'));
			setImmediate(() => moments.push('key handled'));
			await tick;
			expect(moments).toEqual(['key handled', 'tick done']);
		}
	});
});

describe('two objects per identity, rewritten on alternate ticks', () => {
	const ticking = (cpuTicks: number[]) =>
		scriptedSource(cpuTicks.map(ticks => ({processes: [raw({pid: 10, cpuTicks: ticks}), raw({pid: 11, cpuTicks: ticks * 2})]})));

	test('the tick after next reuses the objects of a tick ago; the next one leaves the published ones alone', async () => {
		const clock = fakeClock();
		const sampler = createSampler({clock, cores: 1, source: ticking([100, 150, 250, 300])});
		const first = await sampler.sample();
		clock.advance(1000);
		const second = await sampler.sample();
		// Tick 2 wrote new objects: tick 1's still say what tick 1 saw.
		expect(second.processes[0]).not.toBe(first.processes[0]);
		expect(first.processes[0]).toMatchObject({pid: 10, cpuTicks: 100, cpuPercent: null});
		expect(second.processes[0]).toMatchObject({pid: 10, cpuTicks: 150, cpuPercent: 50});
		clock.advance(1000);
		const third = await sampler.sample();
		// Tick 3 rewrote tick 1's objects (no allocation), and left tick 2's, the last published, as they were.
		expect(third.processes[0]).toBe(first.processes[0]);
		expect(third.processes[1]).toBe(first.processes[1]);
		expect(third.processes[0]).toMatchObject({pid: 10, cpuTicks: 250, cpuPercent: 100});
		expect(second.processes[0]).toMatchObject({pid: 10, cpuTicks: 150, cpuPercent: 50});
		clock.advance(1000);
		const fourth = await sampler.sample();
		expect(fourth.processes[0]).toBe(second.processes[0]);
		expect(fourth.processes[0]).toMatchObject({cpuTicks: 300, cpuPercent: 50});
	});

	test('what later stages set on a sample does not survive into the tick that reuses it', async () => {
		const sampler = createSampler({clock: fakeClock(), cores: 1, source: ticking([1, 2, 3])});
		const first = await sampler.sample();
		Object.assign(first.processes[0]!, {
			app: 'api',
			service: 'api.service',
			cgroup: '/system.slice',
			oomScore: 666,
			sharedBytes: 1,
			ioReadRate: 5,
			ioUnreadable: 'EACCES',
			recentCpu: {values: [1], start: 0, count: 1},
		});
		await sampler.sample();
		const third = await sampler.sample();
		expect(third.processes[0]).toBe(first.processes[0]);
		expect(third.processes[0]).toMatchObject({
			app: '',
			service: '',
			cgroup: undefined,
			oomScore: undefined,
			sharedBytes: undefined,
			ioReadRate: undefined,
			ioUnreadable: undefined,
			recentCpu: undefined,
		});
	});

	test('an exited identity is dropped: its last sample is never written again, a newcomer with its pid gets objects of its own', async () => {
		const clock = fakeClock();
		const sampler = createSampler({
			clock,
			cores: 1,
			source: scriptedSource([
				{processes: [raw({pid: 10, cpuTicks: 5})]},
				{processes: [raw({pid: 10, cpuTicks: 6})]},
				{processes: []},
				{processes: [raw({pid: 10, cpuTicks: 7, startTicks: '999'})]},
			]),
		});
		const first = await sampler.sample();
		const second = await sampler.sample();
		const gone = await sampler.sample();
		expect(gone.changes.exited.map(exit => exit.key)).toEqual(['10:100']);
		const newcomer = await sampler.sample();
		expect(newcomer.processes[0]!.key).toBe('10:999');
		expect(newcomer.processes[0]).not.toBe(first.processes[0]);
		expect(newcomer.processes[0]).not.toBe(second.processes[0]);
		expect(second.processes[0]).toMatchObject({key: '10:100', cpuTicks: 6});
	});

	test('a key pressed mid-tick reads the last published snapshot whole, never half rewritten', async () => {
		let cpuTicks = 0;
		const processes = () => Array.from({length: 6000}, (_, index) => raw({pid: index + 2, cpuTicks}));
		const source: Source = {
			name: 'procfs',
			cpuKind: 'delta',
			clockTicks: 100,
			bootTimeMs: 0,
			read: async () => ({processes: processes(), garbled: 0, limited: false}),
		};
		const sampler = createSampler({source, cores: 1});
		await sampler.sample();
		cpuTicks = 10;
		const published = await sampler.sample();
		cpuTicks = 20;
		const seen: number[][] = [];
		// Callbacks queued while the next tick runs: each reads every process of the published snapshot.
		const look = () => seen.push([...new Set(published.processes.map(process => process.cpuTicks))]);
		const tick = sampler.sample();
		setImmediate(look);
		setImmediate(() => setImmediate(look));
		const next = await tick;
		look();
		expect(seen.length).toBe(3);
		for (const values of seen) expect(values).toEqual([10]);
		expect(new Set(next.processes.map(process => process.cpuTicks))).toEqual(new Set([20]));
	});
});

describe('the real clock', () => {
	// The sampler divides by its differences (CPU%): they must be milliseconds, never go back, and
	// not follow the wall clock.
	test('monotonicMs counts milliseconds of real time and never goes back', async () => {
		const before = systemClock.monotonicMs();
		const wallBefore = Date.now();
		await new Promise(resolve => setTimeout(resolve, 50));
		const after = systemClock.monotonicMs();
		const wall = Date.now() - wallBefore;
		expect(after).toBeGreaterThan(before);
		expect(after - before).toBeGreaterThanOrEqual(45);
		expect(Math.abs(after - before - wall)).toBeLessThan(25);
		let last = after;
		for (let step = 0; step < 1000; step++) {
			const now = systemClock.monotonicMs();
			expect(now).toBeGreaterThanOrEqual(last);
			last = now;
		}
	});
});
