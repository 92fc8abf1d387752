// The thread sampler over a scripted thread table and a fake clock: each thread's CPU% from its
// own deltas, its process's shared fields, and a fresh start after forget() (threads hidden).
import {describe, expect, test} from 'vitest';
import {createThreadSampler} from '../../source/sampling/threads.js';
import type {RawThread, ThreadOwner} from '../../source/types.js';
import {fakeClock} from '../helpers/proc-builder.js';
import {processSample, snapshotOf} from '../helpers/processes.js';

function thread(tid: number, cpuTicks: number, fields: Partial<RawThread> = {}): RawThread {
	return {
		tid,
		pid: 100,
		name: `t${tid}`,
		state: 'S',
		cpuTicks,
		systemTicks: 0,
		priority: 20,
		nice: 0,
		startTicks: String(500 + tid),
		key: `${tid}:${500 + tid}`,
		...fields,
	};
}

function scriptedReader(tables: RawThread[][]) {
	const asked: Array<{owners: number[]; withLeaders: boolean}> = [];
	let released = 0;
	return {
		asked,
		released: () => released,
		read(owners: Iterable<ThreadOwner>, withLeaders: boolean) {
			asked.push({owners: [...owners].map(owner => owner.pid), withLeaders});
			return tables.shift() ?? [];
		},
		release() {
			released++;
		},
	};
}

const owner = processSample({pid: 100, threads: 3, user: 'bob', command: 'python3 app.py', app: 'app.py', memoryPercent: 12.5, residentBytes: 4096});
const single = processSample({pid: 200, threads: 1});
const kernel = processSample({pid: 2, threads: 4, isKernelThread: true});

describe('the thread sampler', () => {
	test("each thread's CPU% comes from its own ticks; the rest is its process's; asks only for multithreaded user processes", () => {
		const clock = fakeClock();
		const reader = scriptedReader([
			[thread(101, 0), thread(102, 50)],
			[thread(101, 100, {state: 'R'}), thread(102, 50)],
		]);
		const sampler = createThreadSampler(reader, {clockTicks: 100, bootTimeMs: 1_000_000, clock});
		const first = sampler.sample(snapshotOf([owner, single, kernel]), false);
		expect(first.map(sample => sample.cpuPercent)).toEqual([null, null]);
		clock.advance(1000);
		const [busy, idle] = sampler.sample(snapshotOf([owner, single, kernel]), false);
		expect(reader.asked[0]).toEqual({owners: [100], withLeaders: false});
		expect(busy).toMatchObject({
			pid: 101,
			ppid: 100,
			threadOf: 100,
			state: 'R',
			cpuPercent: 100,
			cpuSeconds: 1,
			user: 'bob',
			command: 'python3 app.py',
			app: 'app.py',
			memoryPercent: 12.5,
			residentBytes: 4096,
			key: '101:601',
		});
		expect(busy!.ports).toEqual([]);
		expect(busy!.startTimeMs).toBe(1_000_000 + 6010);
		expect(idle).toMatchObject({pid: 102, cpuPercent: 0, name: 't102'});
	});

	test('a thread whose process is not in the snapshot is dropped; forget() starts afresh and releases the files', () => {
		const clock = fakeClock();
		const reader = scriptedReader([[thread(101, 0), thread(301, 0, {pid: 300})], [thread(101, 100)]]);
		const sampler = createThreadSampler(reader, {clockTicks: 100, bootTimeMs: 0, clock});
		expect(sampler.sample(snapshotOf([owner]), true).map(sample => sample.pid)).toEqual([101]);
		sampler.forget();
		expect(reader.released()).toBe(1);
		clock.advance(1000);
		expect(sampler.sample(snapshotOf([owner]), true)[0]!.cpuPercent).toBeNull();
		expect(reader.asked[1]!.withLeaders).toBe(true);
	});

	test('a thread never shows more than one core, whatever the ticks say', () => {
		const clock = fakeClock();
		const reader = scriptedReader([[thread(101, 0)], [thread(101, 103)]]);
		const sampler = createThreadSampler(reader, {clockTicks: 100, bootTimeMs: 0, clock});
		sampler.sample(snapshotOf([owner]), false);
		clock.advance(1000);
		expect(sampler.sample(snapshotOf([owner]), false)[0]!.cpuPercent).toBe(100);
	});
});
