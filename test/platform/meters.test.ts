// Header meters: the /proc reader on a fixture, and the two real readers agreeing on this machine.
import {describe, expect, test} from 'vitest';
import {createProcfsSystemReader, createSiSystemReader} from '../../source/platform/meters.js';
import {createPlatform} from '../../source/platform/platform.js';
import {writeProcTree} from '../helpers/proc-builder.js';

describe('system readers', () => {
	test('procfs: used = total − available, swap used = total − free; buffers, and cache as htop counts it', async () => {
		const proc = writeProcTree([]);
		const sample = await createProcfsSystemReader(proc.root).read();
		proc.cleanup();
		// Cache = Cached + SReclaimable − Shmem.
		expect(sample.memory).toEqual({
			totalBytes: 1_000_000 * 1024,
			usedBytes: 400_000 * 1024,
			availableBytes: 600_000 * 1024,
			buffersBytes: 20_000 * 1024,
			cachedBytes: 85_000 * 1024,
		});
		expect(sample.swap).toEqual({totalBytes: 100_000 * 1024, usedBytes: 25_000 * 1024});
		expect(sample.loadAverage).toHaveLength(3);
	});

	test.runIf(process.platform === 'linux')('the real /proc reader and systeminformation agree on total memory and swap', async () => {
		const [fromProc, fromSi] = await Promise.all([createProcfsSystemReader().read(), createSiSystemReader().read()]);
		expect(fromProc.memory.totalBytes).toBe(fromSi.memory.totalBytes);
		expect(fromProc.swap.totalBytes).toBe(fromSi.swap.totalBytes);
		expect(fromProc.memory.usedBytes).toBeGreaterThan(0);
		expect(fromSi.cpuPercentPerCore!.length).toBeGreaterThan(0);
		expect(fromProc.uptimeSeconds).toBeGreaterThan(0);
	});

	test('the platform branch: /proc on Linux, systeminformation (with per-core load) elsewhere', async () => {
		expect(createPlatform('linux').meters.read).toBeTypeOf('function');
		// Only systeminformation's reader reports per-core load; the procfs reader leaves it to /proc/stat.
		if (process.platform === 'linux') expect((await createPlatform('linux').meters.read()).cpuPercentPerCore).toBeUndefined();
		expect((await createPlatform('darwin').meters.read()).cpuPercentPerCore?.length).toBeGreaterThan(0);
	});
});
