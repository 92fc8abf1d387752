// The ps-list source (used off Linux): with an injected ps-list, and against the real one here.
import {describe, expect, test} from 'vitest';
import {createPsListSource} from '../../source/platform/other/ps-list.js';
import {createPlatform} from '../../source/platform/platform.js';
import {createSampler} from '../../source/sampling/sampler.js';

describe('ps-list source', () => {
	test('maps entries, sanitizes text and reports ps CPU% as-is', async () => {
		const source = createPsListSource({psList: async () => [{pid: 7, ppid: 1, name: 'x\u001b[2J', cmd: 'x \u009b', cpu: 3.5, memory: 1.25, uid: 4242}]});
		const snapshot = await createSampler({source, cores: 1}).sample();
		expect(snapshot.cpuKind).toBe('reported');
		expect(snapshot.processes[0]).toMatchObject({pid: 7, ppid: 1, name: 'x\\e[2J', command: 'x \\x9b', cpuPercent: 3.5, memoryPercent: 1.25, user: '4242'});
	});

	test.runIf(process.platform !== 'win32')('the real ps-list finds this test process', async () => {
		const table = await createPsListSource().read();
		const me = table.processes.find(p => p.pid === process.pid);
		expect(me).toBeDefined();
		expect(me!.ppid).toBe(process.ppid);
		expect(typeof me!.reportedCpuPercent).toBe('number');
	});

	test('the platform branch picks procfs on Linux and ps-list elsewhere', () => {
		expect(createPlatform('darwin').source.name).toBe('ps-list');
		expect(createPlatform('win32').kind).toBe('other');
		if (process.platform === 'linux') expect(createPlatform('linux').source.name).toBe('procfs');
	});
});
