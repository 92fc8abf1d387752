// The SWAP, VCTX, NVCTX, FDS and OOM columns: read only while shown, blank before, '-' when unreadable.
import {describe, expect, test} from 'vitest';
import {column} from '../../source/model/columns.js';
import {createOomScoreReader} from '../../source/platform/linux/resources.js';
import {createResourceColumns, resourceReadsFor} from '../../source/sampling/resource-columns.js';
import type {ProcessResources} from '../../source/types.js';
import {processSample} from '../helpers/processes.js';

describe('resource columns', () => {
	test('each process read once per update (kernel threads skipped); cells blank until read, - for what could not be read', () => {
		const reads: number[] = [];
		const answers = new Map<number, ProcessResources>([
			[10, {swapBytes: 4096, voluntarySwitches: 12, involuntarySwitches: 3, openFds: 42}],
			[20, {swapBytes: 0, voluntarySwitches: 5, involuntarySwitches: 0}],
		]);
		const columns = createResourceColumns(
			pid => {
				reads.push(pid);
				return answers.get(pid) ?? {};
			},
			pid => (pid === 10 ? 667 : undefined),
		);
		const [mine, others, kernel] = [processSample({pid: 10}), processSample({pid: 20}), processSample({pid: 2, isKernelThread: true})];
		const cell = (id: 'swap' | 'voluntary_switches' | 'involuntary_switches' | 'open_fds', process: typeof mine) => column(id).text(process, 10, 0);
		expect(cell('open_fds', mine)).toBe('');
		columns.update([mine, others, kernel], {resources: false, oomScore: true, shared: false});
		expect(reads).toEqual([]);
		expect([column('oom_score').text(mine, 4, 0), column('oom_score').text(others, 4, 0), column('oom_score').text(kernel, 4, 0)]).toEqual(['667', '-', '']);
		columns.update([mine, others, kernel], {resources: true, oomScore: false, shared: false});
		expect(reads).toEqual([10, 20]);
		expect([cell('swap', mine), cell('voluntary_switches', mine), cell('involuntary_switches', mine), cell('open_fds', mine)]).toEqual(['4K', '12', '3', '42']);
		// Another user's fds without root: unknown, shown as '-', never 0.
		expect(cell('open_fds', others)).toBe('-');
		expect(cell('open_fds', kernel)).toBe('');
	});

	test('only their columns want the reads', () => {
		expect(resourceReadsFor(['pid', 'open_fds'])).toEqual({resources: true, oomScore: false, shared: false});
		expect(resourceReadsFor(['pid', 'oom_score'])).toEqual({resources: false, oomScore: true, shared: false});
		expect(resourceReadsFor(['pid', 'io_read_rate'])).toEqual({resources: false, oomScore: false, shared: false});
		expect(resourceReadsFor(['shared'])).toEqual({resources: false, oomScore: false, shared: true});
		expect(resourceReadsFor(undefined)).toEqual({resources: false, oomScore: false, shared: false});
	});

	test.runIf(process.platform === 'linux')("the real oom_score: this process's, as the kernel reports it; a gone pid is unreadable", async () => {
		const {readFileSync} = await import('node:fs');
		expect(createOomScoreReader()(process.pid)).toBe(Number(readFileSync('/proc/self/oom_score', 'utf8')));
		expect(createOomScoreReader()(2 ** 22 + 7)).toBeUndefined();
	});
});
