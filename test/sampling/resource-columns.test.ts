// The SWAP, VCTX, NVCTX and FDS columns: read only while shown, blank before, '-' when unreadable.
import {describe, expect, test} from 'vitest';
import {column} from '../../source/model/columns.js';
import {createResourceColumns, wantsResources} from '../../source/sampling/resource-columns.js';
import type {ProcessResources} from '../../source/types.js';
import {processSample} from '../helpers/processes.js';

describe('resource columns', () => {
	test('each process read once per update (kernel threads skipped); cells blank until read, - for what could not be read', () => {
		const reads: number[] = [];
		const answers = new Map<number, ProcessResources>([
			[10, {swapBytes: 4096, voluntarySwitches: 12, involuntarySwitches: 3, openFds: 42}],
			[20, {swapBytes: 0, voluntarySwitches: 5, involuntarySwitches: 0}],
		]);
		const columns = createResourceColumns(pid => {
			reads.push(pid);
			return answers.get(pid) ?? {};
		});
		const [mine, others, kernel] = [processSample({pid: 10}), processSample({pid: 20}), processSample({pid: 2, isKernelThread: true})];
		const cell = (id: 'swap' | 'voluntary_switches' | 'involuntary_switches' | 'open_fds', process: typeof mine) => column(id).text(process, 10, 0);
		expect(cell('open_fds', mine)).toBe('');
		columns.update([mine, others, kernel]);
		expect(reads).toEqual([10, 20]);
		expect([cell('swap', mine), cell('voluntary_switches', mine), cell('involuntary_switches', mine), cell('open_fds', mine)]).toEqual(['4K', '12', '3', '42']);
		// Another user's fds without root: unknown, shown as '-', never 0.
		expect(cell('open_fds', others)).toBe('-');
		expect(cell('open_fds', kernel)).toBe('');
	});

	test('only their columns want the reads', () => {
		expect(wantsResources(['pid', 'open_fds'])).toBe(true);
		expect(wantsResources(['pid', 'io_read_rate'])).toBe(false);
		expect(wantsResources(undefined)).toBe(false);
	});
});
