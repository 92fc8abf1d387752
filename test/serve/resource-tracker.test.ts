import {describe, expect, test} from 'vitest';
import {createResourceTracker} from '../../source/serve/resource-tracker.js';
import type {ProcessSample} from '../../source/types.js';
import {processSample} from '../helpers/processes.js';

/** A reader that records whom it read and answers with the pid as the fd count. */
function recording() {
	const reads: {pid: number; withLimit: boolean}[] = [];
	const read = (pid: number, withLimit: boolean) => {
		reads.push({pid, withLimit});
		return {openFds: pid, ...(withLimit ? {fdLimit: 1000} : {})};
	};
	return {read, reads, pids: () => reads.splice(0).map(item => item.pid)};
}

const table = (count: number, ticks: (pid: number) => number = () => 0): ProcessSample[] =>
	Array.from({length: count}, (_, index) => processSample({pid: index + 1, cpuTicks: ticks(index + 1)}));

describe('createResourceTracker', () => {
	test('reads everyone on the first tick, new processes (capped) with their limit, then only the busy and a rotation', async () => {
		const reader = recording();
		const tracker = createResourceTracker(reader.read, {refreshTicks: 10, activePerTick: 50});
		expect((await tracker.update(table(20))).size).toBe(20);
		expect(reader.pids()).toHaveLength(20);
		await tracker.update(table(20));
		reader.pids();
		// 80 new: 50 now, the other 30 still new on the next tick, before any rotation.
		await tracker.update(table(100));
		expect(reader.reads.slice(0, 50).every(item => item.withLimit)).toBe(true);
		expect(reader.pids().slice(0, 50)).toEqual(Array.from({length: 50}, (_, index) => index + 21));
		await tracker.update(table(100));
		expect(reader.pids().slice(0, 30)).toEqual(Array.from({length: 30}, (_, index) => index + 71));
		// Idle now: a tenth of them per tick, the least recently read first, the limit kept from the first read.
		const idle = await tracker.update(table(100));
		expect(reader.reads.every(item => !item.withLimit)).toBe(true);
		expect(reader.pids()).toHaveLength(10);
		expect(idle.get(processSample({pid: 1}).key)).toEqual({openFds: 1, fdLimit: 1000});
	});

	test('a process that used CPU is read on the next tick, the busiest first', async () => {
		const reader = recording();
		const tracker = createResourceTracker(reader.read, {refreshTicks: 1000, activePerTick: 2});
		await tracker.update(table(1));
		reader.pids();
		// Two new ones per tick (the cap), and one of the known in rotation.
		for (const expected of [
			[2, 3, 1],
			[4, 5, 1],
			[6, 2],
		]) {
			await tracker.update(table(6));
			expect(reader.pids()).toEqual(expected);
		}
		await tracker.update(table(6, pid => [0, 5, 0, 9, 0, 1][pid - 1]!));
		// Capped at 2 busy: 4 (9 ticks), then 2 (5 ticks); 6 (1 tick) waits its turn in the rotation,
		// which reads the least recently read: 3 (last read three ticks ago).
		expect(reader.pids()).toEqual([4, 2, 3]);
	});

	test('every process is read at least once every refreshTicks ticks, and exited ones are forgotten', async () => {
		const reader = recording();
		const tracker = createResourceTracker(reader.read, {refreshTicks: 5, activePerTick: 1000});
		await tracker.update(table(20));
		reader.pids();
		const seen = new Set<number>();
		for (let tick = 0; tick < 5; tick++) {
			await tracker.update(table(20));
			for (const pid of reader.pids()) seen.add(pid);
		}
		expect(seen.size).toBe(20);
		expect((await tracker.update(table(3))).size).toBe(3);
	});

	test('pauses between slices of its reads (every 100) and of its pass over the table (every 2,500)', async () => {
		const reader = recording();
		const tracker = createResourceTracker(reader.read, {refreshTicks: 1000, activePerTick: 10});
		const readsAtPause: number[] = [];
		const pause = async () => {
			readsAtPause.push(reader.reads.length);
		};
		// The first tick reads all 250: a pause before the 100th and the 200th read.
		expect((await tracker.update(table(250), pause)).size).toBe(250);
		expect(readsAtPause).toEqual([99, 199]);
		reader.pids();
		readsAtPause.length = 0;
		// 6,000 (5,750 of them new): the pass pauses at 2,500 and 5,000, before this tick's reads (16: under 100).
		await tracker.update(table(6000), pause);
		expect(readsAtPause).toEqual([0, 0]);
		expect(reader.reads).toHaveLength(16);
	});
});
