// Test helper: ProcessSample objects with sensible defaults, for pure-logic tests.

import type {ProcessSample} from '../../source/types.js';

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
