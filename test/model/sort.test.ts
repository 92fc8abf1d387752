import {describe, expect, test} from 'vitest';
import {SORT_KEYS, sortProcesses} from '../../source/model/sort.js';
import {processSample} from '../helpers/processes.js';

const pids = (list: Array<{pid: number}>) => list.map(p => p.pid);

describe('sortProcesses', () => {
	const processes = [
		processSample({pid: 30, cpuPercent: 5, name: 'b', residentBytes: 10, cpuSeconds: 3}),
		processSample({pid: 10, cpuPercent: 50, name: 'C', residentBytes: 30, cpuSeconds: 1}),
		processSample({pid: 20, cpuPercent: 5, name: 'a', residentBytes: 20, cpuSeconds: 2}),
		processSample({pid: 40, cpuPercent: null, name: 'd', residentBytes: 0, cpuSeconds: 0}),
	];

	test.each([
		['cpu', false, [10, 20, 30, 40]],
		['cpu', true, [40, 20, 30, 10]],
		['memory', false, [10, 20, 30, 40]],
		['time', false, [30, 20, 10, 40]],
		['pid', false, [10, 20, 30, 40]],
		['pid', true, [40, 30, 20, 10]],
		['name', false, [20, 30, 10, 40]],
	] as const)('%s (inverted %s)', (key, inverted, expected) => {
		expect(pids(sortProcesses(processes, key, inverted))).toEqual(expected);
	});

	test('ties go by ascending pid in both directions (stable across refreshes)', () => {
		const tied = [processSample({pid: 9}), processSample({pid: 3}), processSample({pid: 5})];
		expect(pids(sortProcesses(tied, 'cpu'))).toEqual([3, 5, 9]);
		expect(pids(sortProcesses(tied, 'cpu', true))).toEqual([3, 5, 9]);
	});

	test('every sort key orders by its value, in its direction, ties by pid', () => {
		const varied = [1, 2, 3, 4, 5].map(pid =>
			processSample({
				pid,
				name: `n${6 - pid}`,
				user: `u${pid % 3}`,
				state: 'RSDTZ'[pid - 1]!,
				threads: pid % 2,
				nice: -pid,
				priority: 20 - pid,
				virtualBytes: pid * 7,
				residentBytes: pid * 11,
				memoryPercent: pid,
				cpuPercent: pid,
				cpuSeconds: pid,
			}),
		);
		for (const key of SORT_KEYS) {
			const sorted = sortProcesses(varied, key.id);
			for (let index = 1; index < sorted.length; index++) {
				const [before, after] = [key.value(sorted[index - 1]!), key.value(sorted[index]!)];
				const inOrder = key.descending ? before > after : before < after;
				expect(inOrder || (before === after && sorted[index - 1]!.pid < sorted[index]!.pid), `${key.id} at ${index}`).toBe(true);
			}
		}
	});
});
