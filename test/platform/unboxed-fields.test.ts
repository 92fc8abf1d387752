// The stat fields reach the raw rows and the samples as small integers, never boxed doubles:
// V8 boxes every value of a field once one box was stored in it (for every object of that
// shape), which cost 13 heap objects per sample. Checked with V8's own %IsSmi on the real /proc.
import {setFlagsFromString} from 'node:v8';
import {describe, expect, test} from 'vitest';
import {createProcfsSource} from '../../source/platform/linux/procfs.js';
import {newStatScan, scanStat} from '../../source/platform/linux/procfs-parse.js';
import {createSampler} from '../../source/sampling/sampler.js';

setFlagsFromString('--allow-natives-syntax');
const isSmallInteger = new Function('value', 'return %IsSmi(value)') as (value: unknown) => boolean;
/** What V8 can keep unboxed (31-bit small integers, with pointer compression). */
const fits = (value: number) => Number.isInteger(value) && value >= -(2 ** 30) && value < 2 ** 30;

const FIELDS = ['pid', 'ppid', 'pgrp', 'session', 'tty', 'flags', 'uid', 'cpuTicks', 'systemTicks', 'priority', 'nice', 'threads'] as const;

function boxed(record: Record<string, unknown>, fields: readonly string[]): string[] {
	return fields.filter(field => typeof record[field] === 'number' && fits(record[field] as number) && !isSmallInteger(record[field]));
}

describe('stat fields stay unboxed', () => {
	test('the natives check itself tells a boxed double from a small integer', () => {
		expect(isSmallInteger(7)).toBe(true);
		expect(isSmallInteger(new Float64Array([7])[0])).toBe(false);
	});

	test('scanStat', () => {
		const line = Buffer.from('4242 (worker) S 1 4242 4242 0 -1 4194560 10 0 0 0 123 45 0 0 20 0 3 0 9999 1048576000 2560 18446744073709551615\n');
		const scan = newStatScan();
		// Many times over: V8's first reads of a typed array go through its runtime (which does make
		// small integers); only the fast path it then installs boxes.
		for (let read = 0; read < 50; read++) expect(scanStat(line, line.length, false, scan)).toBe(true);
		expect(scan.threads).toBe(3);
		expect(boxed(scan, ['pid', 'ppid', 'pgrp', 'session', 'tty', 'flags', 'utime', 'stime', 'priority', 'nice', 'threads', 'rss'])).toEqual([]);
	});

	test.runIf(process.platform === 'linux')('rows and samples read from the real /proc', async () => {
		const sampler = createSampler({source: createProcfsSource(), cores: 2});
		await sampler.sample();
		const snapshot = await sampler.sample();
		expect(snapshot.processes.length).toBeGreaterThan(3);
		const offenders = snapshot.processes.flatMap(sample => boxed(sample as unknown as Record<string, unknown>, FIELDS).map(field => `${sample.pid}.${field}`));
		expect(offenders).toEqual([]);
	});
});
