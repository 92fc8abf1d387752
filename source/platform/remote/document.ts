// A Snapshot and header meters from another machine's `/snapshot` (the --json document), for
// `--connect` (pure). What arrives is untrusted text from the network: every string that can
// reach the screen is sanitized again here, whatever the other side did; numbers are checked.

import {sanitize} from '../../sanitize.js';
import type {Changes, Listener, ProcessSample, Snapshot, StateCounts, SystemSample} from '../../types.js';

type Raw = Record<string, unknown>;

const text = (value: unknown) => sanitize(typeof value === 'string' ? value : '');
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const orNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function ports(value: unknown): Listener[] {
	if (!Array.isArray(value)) return [];
	return value.flatMap((entry: Raw) =>
		typeof entry?.port === 'number'
			? [{protocol: entry.protocol === 'udp' ? ('udp' as const) : ('tcp' as const), address: text(entry.address), port: entry.port}]
			: [],
	);
}

function processFrom(raw: Raw): ProcessSample | undefined {
	const pid = raw.pid;
	if (typeof pid !== 'number' || !Number.isSafeInteger(pid)) return undefined;
	const startTime = typeof raw.startTime === 'string' ? raw.startTime : '';
	const startTimeMs = Date.parse(startTime);
	const cpuSeconds = count(raw.cpuSeconds);
	return {
		pid,
		ppid: count(raw.ppid),
		pgrp: pid,
		session: pid,
		tty: 0,
		flags: 0,
		state: text(raw.state).slice(0, 1) || '?',
		name: text(raw.name),
		command: text(raw.command),
		uid: typeof raw.uid === 'number' ? raw.uid : undefined,
		user: text(raw.user),
		cpuTicks: Math.round(cpuSeconds * 100),
		systemTicks: 0,
		priority: count(raw.priority),
		nice: count(raw.nice),
		threads: count(raw.threads),
		// The start time stands in for the start ticks: (pid, start) is the identity there too.
		startTicks: startTime,
		virtualBytes: count(raw.virtualBytes),
		residentBytes: count(raw.residentBytes),
		isKernelThread: raw.isKernelThread === true,
		key: `${pid}:${startTime}`,
		cpuPercent: orNull(raw.cpuPercent),
		memoryPercent: count(raw.memoryPercent),
		cpuSeconds,
		startTimeMs: Number.isFinite(startTimeMs) ? startTimeMs : 0,
		isOrphan: raw.isOrphan === true,
		app: text(raw.app),
		service: text(raw.service),
		ports: ports(raw.ports),
	};
}

/** What appeared and exited since the previous document (the other side does not send it). */
function changesSince(previous: ReadonlyMap<string, ProcessSample>, processes: readonly ProcessSample[]): Changes {
	const keys = new Set(processes.map(process => process.key));
	return {
		appeared: previous.size === 0 ? [] : processes.filter(process => !previous.has(process.key)).map(process => process.key),
		exited: [...previous.values()].filter(process => !keys.has(process.key)).map(({key, pid, name, command}) => ({key, pid, name, command})),
		reparented: [],
	};
}

export type RemoteTick = {snapshot: Snapshot; system: SystemSample & {cpuPercentPerCore: number[]}};

/** The document as a Snapshot; `previous` is the last tick's processes by key. */
export function fromDocument(document: unknown, previous: ReadonlyMap<string, ProcessSample>, previousAt: number | undefined): RemoteTick {
	const root = (document ?? {}) as Raw;
	const system = (root.system ?? {}) as Raw;
	if (!Array.isArray(root.processes)) throw new Error('the answer is not a proctop snapshot');
	const processes = (root.processes as Raw[]).flatMap(raw => processFrom(raw ?? {}) ?? []);
	const takenAt = Date.parse(typeof root.takenAt === 'string' ? root.takenAt : '') || Date.now();
	const tasks = (system.tasks ?? {}) as Raw;
	const counts: StateCounts = {
		total: count(tasks.total),
		running: count(tasks.running),
		sleeping: count(tasks.sleeping),
		diskWait: count(tasks.diskWait),
		stopped: count(tasks.stopped),
		zombie: count(tasks.zombie),
		idle: count(tasks.idle),
		threads: count(tasks.threads),
		kernelThreads: count(tasks.kernelThreads),
	};
	const perCore = Array.isArray(system.cpuPercentPerCore) ? system.cpuPercentPerCore.map(count) : [];
	const memory = (system.memory ?? {}) as Raw;
	const swap = (system.swap ?? {}) as Raw;
	const load = Array.isArray(system.loadAverage) ? system.loadAverage.map(count) : [];
	return {
		snapshot: {
			takenAt,
			elapsedMs: previousAt === undefined ? 0 : Math.max(0, takenAt - previousAt),
			cpuKind: 'delta',
			processes,
			counts,
			changes: changesSince(previous, processes),
			garbled: count(system.garbled),
			limited: system.limited === true,
			unseenListeners: [],
			cpuPercentPerCore: perCore,
			cores: count(system.cores) || perCore.length || 1,
		},
		system: {
			hostname: text(system.hostname),
			memory: {totalBytes: count(memory.totalBytes), usedBytes: count(memory.usedBytes), availableBytes: count(memory.availableBytes)},
			swap: {totalBytes: count(swap.totalBytes), usedBytes: count(swap.usedBytes)},
			uptimeSeconds: count(system.uptimeSeconds),
			loadAverage: [load[0] ?? 0, load[1] ?? 0, load[2] ?? 0],
			cpuPercentPerCore: perCore,
		},
	};
}
