// The platform object: PROCTOP_PROC_ROOT reaches every part of it (the table, the meters, the
// details and the identity re-checked before kill), so a container's /proc is read whole.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {createPlatform} from '../../source/platform/platform.js';
import {type FakeProc, writeProcTree} from '../helpers/proc-builder.js';

let tree: FakeProc | undefined;
afterEach(() => tree?.cleanup());

describe.runIf(process.platform === 'linux')('createPlatform', () => {
	test('every part reads under PROCTOP_PROC_ROOT', async () => {
		tree = writeProcTree(
			[
				{pid: 1, comm: 'init', starttime: 10},
				{pid: 4242, comm: 'fixture-app', starttime: 777, ppid: 1, cmdline: 'fixture-app\u0000--serve\u0000'},
			],
			{memTotalKiB: 2_000_000},
		);
		writeFileSync(join(tree.root, '4242', 'status'), 'Name:\tfixture-app\nUid:\t1000\t1000\t1000\t1000\nVmSwap:\t      12 kB\n');
		const platform = createPlatform('linux', {PROCTOP_PROC_ROOT: tree.root});
		const table = await platform.source.read();
		expect(table.processes.map(process => process.pid).sort((a, b) => a - b)).toEqual([1, 4242]);
		expect((await platform.meters.read()).memory.totalBytes).toBe(2_000_000 * 1024);
		expect(platform.readIdentity(4242)).toMatchObject({startTicks: '777', name: 'fixture-app', ppid: 1, kernelThread: false});
		expect(platform.readIdentity(4243)).toBeUndefined();
		expect(platform.readDetails?.(4242)).toMatchObject({command: 'fixture-app --serve', swapBytes: 12 * 1024});
		platform.source.dispose?.();
	});

	test('without PROCTOP_PROC_ROOT it is the real /proc', () => {
		const platform = createPlatform('linux', {});
		expect(platform.readIdentity(process.pid)?.ppid).toBe(process.ppid);
	});
});
