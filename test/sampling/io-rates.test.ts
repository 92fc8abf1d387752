// I/O rates per identity from two readings of /proc/<pid>/io: a fake reader at the edge, then the
// real /proc/<pid>/io of a process this test starts.
import {spawn} from 'node:child_process';
import {describe, expect, test} from 'vitest';
import {createIoReader} from '../../source/platform/linux/resources.js';
import {createIoRates, wantsIoRates} from '../../source/sampling/io-rates.js';
import type {IoReading, ProcessSample} from '../../source/types.js';
import {processSample} from '../helpers/processes.js';

function sample(pid: number, fields: Partial<ProcessSample> = {}): ProcessSample {
	return {...processSample({pid}), key: `${pid}:${fields.startTimeMs ?? 1}`, ...fields};
}

describe('createIoRates', () => {
	test('bytes per second between two readings; undefined on first sight; null with the reason when unreadable', () => {
		const counters = new Map<number, IoReading>([
			[10, {readBytes: 1000, writeBytes: 0}],
			[20, {unreadable: 'EACCES'}],
		]);
		const rates = createIoRates(pid => counters.get(pid) ?? {unreadable: 'ENOENT'});
		const first = [sample(10), sample(20)];
		rates.update(first, 10_000);
		expect(first[0]!.ioReadRate).toBeUndefined();
		expect(first[1]).toMatchObject({ioReadRate: null, ioWriteRate: null, ioUnreadable: 'EACCES'});
		counters.set(10, {readBytes: 5000, writeBytes: 2 << 20});
		const second = [sample(10), sample(20)];
		rates.update(second, 12_000);
		expect(second[0]).toMatchObject({ioReadRate: 2000, ioWriteRate: (2 << 20) / 2});
	});

	test('a reused pid (new identity) or a counter that went back starts over; kernel threads are skipped; the gone are forgotten', () => {
		const counters = new Map<number, IoReading>([[10, {readBytes: 5000, writeBytes: 5000}]]);
		let reads = 0;
		const rates = createIoRates(pid => {
			reads++;
			return counters.get(pid) ?? {unreadable: 'ENOENT'};
		});
		rates.update([sample(10), sample(2, {isKernelThread: true})], 1000);
		expect(reads).toBe(1);
		const reused = sample(10, {startTimeMs: 99});
		rates.update([reused], 2000);
		expect(reused.ioReadRate).toBeUndefined();
		counters.set(10, {readBytes: 10, writeBytes: 10});
		const backwards = sample(10, {startTimeMs: 99});
		rates.update([backwards], 3000);
		expect(backwards.ioReadRate).toBeUndefined();
		rates.update([], 4000);
		const back = sample(10, {startTimeMs: 99});
		rates.update([back], 5000);
		expect(back.ioReadRate).toBeUndefined();
	});

	test('only the I/O columns want it', () => {
		expect(wantsIoRates(['pid', 'io_write_rate'])).toBe(true);
		expect(wantsIoRates(['pid', 'cpu'])).toBe(false);
		expect(wantsIoRates(undefined)).toBe(false);
	});
});

describe.runIf(process.platform === 'linux')('the real /proc/<pid>/io', () => {
	test("a child's storage counters are read; a pid that does not exist says ENOENT", async () => {
		const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
		try {
			await new Promise(resolve => setTimeout(resolve, 200));
			const reading = createIoReader()(child.pid!);
			expect(reading).toMatchObject({readBytes: expect.any(Number), writeBytes: expect.any(Number)});
			expect(createIoReader()(2 ** 22 + 7)).toEqual({unreadable: 'ENOENT'});
		} finally {
			child.kill();
		}
	});
});
