// Test helper: ProcessSample objects with sensible defaults, for pure-logic tests.

import type {ProcessSample, Snapshot} from '../../source/types.js';

export function processSample(fields: Partial<ProcessSample> & {pid: number}): ProcessSample {
	const startTicks = fields.startTicks ?? '100';
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
		startTicks,
		virtualBytes: 0,
		residentBytes: 0,
		isKernelThread: false,
		cpuPercent: 0,
		memoryPercent: 0,
		cpuSeconds: 0,
		startTimeMs: 0,
		isOrphan: false,
		app: fields.app ?? '',
		service: '',
		ports: [],
		key: `${fields.pid}:${startTicks}`,
		...fields,
	};
}

/** A tick's Snapshot around these processes (counts zero, no meters), for stages after the sampler. */
export function snapshotOf(processes: ProcessSample[], changes: Partial<Snapshot['changes']> = {}): Snapshot {
	return {
		takenAt: 0,
		elapsedMs: 1000,
		cpuKind: 'delta',
		processes,
		counts: {total: processes.length, running: 0, sleeping: 0, diskWait: 0, stopped: 0, zombie: 0, idle: 0, threads: 0, kernelThreads: 0},
		changes: {appeared: [], exited: [], reparented: [], ...changes},
		garbled: 0,
		limited: false,
		unseenListeners: [],
		cpuPercentPerCore: [],
		cores: 2,
	};
}
