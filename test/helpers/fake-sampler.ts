// Test edge: a Sampler over a scripted Source (the real sampler maths, fake process tables)
// and a fixed SystemReader, for component tests.

import {identifyingSampler} from '../../source/identify/identifier.js';
import type {SystemReader} from '../../source/platform/meters.js';
import {createSampler, type Sampler} from '../../source/sampling/sampler.js';
import type {RawProcess, Source} from '../../source/types.js';
import {fakeInspector} from './fake-inspector.js';

export function rawProcess(fields: Partial<RawProcess> & {pid: number}): RawProcess {
	return {
		ppid: 1,
		pgrp: fields.pid,
		session: fields.pid,
		tty: 0,
		flags: 0,
		state: 'S',
		name: `proc${fields.pid}`,
		command: `/usr/bin/proc${fields.pid}`,
		uid: 1000,
		user: 'alice',
		cpuTicks: 0,
		systemTicks: 0,
		priority: 20,
		nice: 0,
		threads: 1,
		startTicks: '100',
		virtualBytes: 100 * 2 ** 20,
		residentBytes: 10 * 2 ** 20,
		isKernelThread: false,
		...fields,
	};
}

/** Each read returns `tables()`'s current value, so a test can change the world between ticks. */
export function fakeSource(tables: () => RawProcess[]): Source {
	return {
		name: 'procfs',
		cpuKind: 'delta',
		clockTicks: 100,
		bootTimeMs: 1_700_000_000_000,
		async read() {
			return {
				processes: tables(),
				garbled: 0,
				limited: false,
				memoryTotalBytes: 8 * 2 ** 30,
				cpus: [
					{busy: 10, total: 100},
					{busy: 20, total: 100},
				],
			};
		},
	};
}

/** Wraps a table so a test can wait for refreshes instead of sleeping: `reads()` counts calls. */
export function counting(tables: () => RawProcess[]): {tables: () => RawProcess[]; reads: () => number} {
	let reads = 0;
	return {
		tables() {
			reads++;
			return tables();
		},
		reads: () => reads,
	};
}

/** The real sampler and identify stage over a scripted table (labels come from the command lines). */
export function fakeSampler(tables: () => RawProcess[]): Sampler {
	return identifyingSampler(createSampler({source: fakeSource(tables), cores: 2}), fakeInspector());
}

export const fakeSystem: SystemReader = {
	async read() {
		return {
			hostname: 'testhost',
			memory: {totalBytes: 8 * 2 ** 30, usedBytes: 2 * 2 ** 30, availableBytes: 6 * 2 ** 30},
			swap: {totalBytes: 2 ** 30, usedBytes: 0},
			uptimeSeconds: 3661,
			loadAverage: [0.5, 0.25, 0.1],
		};
	},
};
