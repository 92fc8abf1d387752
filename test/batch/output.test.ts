import {describe, expect, test} from 'vitest';
import {toJsonDocument} from '../../source/batch/json.js';
import {renderTable} from '../../source/batch/table.js';
import {layoutColumns, TABLE_COLUMNS} from '../../source/model/columns.js';
import {formatPorts} from '../../source/model/format.js';
import type {Snapshot} from '../../source/types.js';
import {processSample} from '../helpers/processes.js';

/** The moment the tables are drawn at (START and ELAPSED count from it). */
const NOW = Date.parse('2026-11-29T10:00:00');

const processes = [
	processSample({
		pid: 42,
		user: 'alice',
		state: 'R',
		cpuPercent: 99.94,
		memoryPercent: 1.234,
		residentBytes: 5 * 1024 * 1024,
		threads: 3,
		nice: 5,
		cpuSeconds: 75.5,
		command: '/usr/bin/app --flag',
	}),
	processSample({pid: 7, name: 'kworker/0:1', isKernelThread: true, command: '', cpuPercent: null}),
	processSample({pid: 8, name: 'dead', state: 'Z', command: ''}),
];

describe('renderTable', () => {
	test('--columns: exactly those columns in that order, including ones the default table leaves out', () => {
		const started = processSample({pid: 42, ppid: 7, command: 'vim notes.txt'});
		Object.assign(started, {pgrp: 42, session: 30, tty: (136 << 8) | 3, startTimeMs: NOW - (2 * 3600 + 5 * 60 + 9) * 1000});
		const lines = renderTable([{process: started}], Infinity, NOW, ['pid', 'ppid', 'pgrp', 'session', 'tty', 'start', 'elapsed', 'command']);
		expect(lines[0]).toMatch(/^\s+PID\s+PPID\s+PGRP\s+SID TTY\s+START\s+ELAPSED COMMAND$/);
		expect(lines[1]).toMatch(/^\s+42\s+7\s+42\s+30 pts\/3\s+07:54\s+2:05:09 vim notes\.txt$/);
		// Ports and service are shown when asked for, even with no process having one.
		expect(renderTable([{process: started}], Infinity, NOW, ['pid', 'ports', 'service'])[0]).toMatch(/PID PORTS\s+SERVICE/);
	});

	test('header, htop-style cells, kernel threads and zombies', () => {
		const lines = renderTable(
			processes.map(process => ({process})),
			Number.POSITIVE_INFINITY,
			NOW,
		);
		// No process here has ports or a service: those columns stay out.
		expect(lines[0]).toMatch(/^\s+PID USER\s+S\s+CPU%\s+MEM%\s+RES\s+THR\s+NI\s+TIME\+ APP\s+COMMAND/);
		expect(lines[1]).toMatch(/^\s+42 alice\s+R\s+99\.9\s+1\.2\s+5\.00M\s+3\s+5\s+1:15\.50\s+\/usr\/bin\/app --flag$/);
		expect(lines[2]).toContain(' - ');
		expect(lines[2]).toMatch(/\[kworker\/0:1\]$/);
		expect(lines[3]).toMatch(/dead <defunct>$/);
	});

	test('ports and service appear as soon as one process has them', () => {
		const web = processSample({pid: 7, name: 'node', command: 'node server.js', app: 'api › server.js'});
		web.ports = [
			{protocol: 'tcp', address: '0.0.0.0', port: 3000},
			{protocol: 'tcp', address: '::', port: 3000},
			{protocol: 'udp', address: '0.0.0.0', port: 5353},
		];
		web.service = 'api.service';
		const lines = renderTable([{process: web}, {process: processSample({pid: 8})}], Infinity, NOW);
		expect(lines[0]).toMatch(/TIME\+ SERVICE\s+PORTS\s+APP\s+COMMAND$/);
		// IPv4 and IPv6 of :3000 once; the UDP port does not fit in 11 cells: `+1`.
		expect(lines[1]).toMatch(/ api\.service\s+:3000 \+1\s+api › server\.js\s+node server\.js$/);
		expect(formatPorts(web.ports, Infinity)).toBe(':3000,:5353/udp');
	});

	test('a terminal width truncates the command, never wraps', () => {
		for (const line of renderTable(
			processes.map(process => ({process})),
			60,
			NOW,
		))
			expect(line.length).toBeLessThanOrEqual(60);
	});
});

describe('layoutColumns', () => {
	test('least important columns drop first on narrow terminals; PID and COMMAND stay', () => {
		const wide = layoutColumns(TABLE_COLUMNS, 200).map(c => c.id);
		expect(wide).toEqual([...TABLE_COLUMNS]);
		const narrow = layoutColumns(TABLE_COLUMNS, 30).map(c => c.id);
		expect(narrow[0]).toBe('pid');
		expect(narrow.at(-1)).toBe('command');
		expect(narrow).not.toContain('virtual');
		expect(layoutColumns(TABLE_COLUMNS, 20).map(c => c.id)).toEqual(['pid', 'command']);
	});
	test('the cells always add up to the width', () => {
		for (const width of [20, 40, 80, 120, 200]) {
			const columns = layoutColumns(TABLE_COLUMNS, width);
			expect(columns.reduce((sum, c) => sum + c.cells, 0) + columns.length - 1).toBe(width);
		}
	});
});

describe('toJsonDocument', () => {
	test('the documented shape with ISO start times', () => {
		const snapshot = {
			takenAt: 1_700_000_000_000,
			cpuKind: 'delta',
			cores: 2,
			cpuPercentPerCore: [1, 2],
			counts: {total: 3, running: 1, sleeping: 0, diskWait: 0, stopped: 0, zombie: 1, idle: 0, threads: 5, kernelThreads: 0},
			limited: false,
			unseenListeners: [],
			garbled: 0,
			processes: [],
			changes: {appeared: [], exited: [], reparented: []},
			elapsedMs: 1000,
		} satisfies Snapshot;
		const system = {
			hostname: 'h',
			memory: {totalBytes: 10, usedBytes: 5, availableBytes: 5},
			swap: {totalBytes: 0, usedBytes: 0},
			uptimeSeconds: 12.345,
			loadAverage: [0.1, 0.2, 0.3] as [number, number, number],
		};
		const document = toJsonDocument(snapshot, system, [processSample({pid: 42, startTimeMs: 1_600_000_000_000, uid: undefined})]);
		expect(document.takenAt).toBe('2023-11-14T22:13:20.000Z');
		expect(document.system).toMatchObject({hostname: 'h', cores: 2, cpuPercentPerCore: [1, 2], uptimeSeconds: 12.35});
		expect(Object.keys(document.processes[0]!).sort()).toEqual([
			'app',
			'command',
			'cpuPercent',
			'cpuSeconds',
			'isKernelThread',
			'isOrphan',
			'memoryPercent',
			'name',
			'nice',
			'pgrp',
			'pid',
			'ports',
			'ppid',
			'priority',
			'residentBytes',
			'service',
			'session',
			'startTime',
			'state',
			'threads',
			'tty',
			'uid',
			'user',
			'virtualBytes',
		]);
		expect(document.processes[0]).toMatchObject({pid: 42, uid: null, startTime: '2020-09-13T12:26:40.000Z'});
	});

	test('--threads: every process gets its threadList, the main thread first; a single-threaded one lists itself', () => {
		const server = processSample({pid: 300, threads: 3, name: 'node', cpuPercent: 90});
		const lone = processSample({pid: 400, name: 'sh', cpuPercent: null});
		const thread = (tid: number, cpuPercent: number) => processSample({pid: tid, threadOf: 300, name: `w${tid}`, cpuPercent, cpuSeconds: 1.234, nice: 2});
		const system = {
			hostname: 'h',
			memory: {totalBytes: 1, usedBytes: 0, availableBytes: 1},
			swap: {totalBytes: 0, usedBytes: 0},
			uptimeSeconds: 1,
			loadAverage: [0, 0, 0] as [number, number, number],
		};
		const snapshot = {
			takenAt: 0,
			cpuKind: 'delta',
			cores: 2,
			cpuPercentPerCore: [],
			counts: {total: 2, running: 0, sleeping: 2, diskWait: 0, stopped: 0, zombie: 0, idle: 0, threads: 4, kernelThreads: 0},
			limited: false,
			unseenListeners: [],
			garbled: 0,
			processes: [server, lone],
			changes: {appeared: [], exited: [], reparented: []},
			elapsedMs: 1000,
		} satisfies Snapshot;
		const document = toJsonDocument(snapshot, system, [server, lone], [thread(302, 0), thread(300, 0.5), thread(301, 89.456)]);
		expect(document.processes[0]!.threadList).toEqual([
			{tid: 300, name: 'w300', state: 'S', cpuPercent: 0.5, cpuSeconds: 1.23, priority: 20, nice: 2},
			{tid: 301, name: 'w301', state: 'S', cpuPercent: 89.46, cpuSeconds: 1.23, priority: 20, nice: 2},
			{tid: 302, name: 'w302', state: 'S', cpuPercent: 0, cpuSeconds: 1.23, priority: 20, nice: 2},
		]);
		expect(document.processes[1]!.threadList).toEqual([{tid: 400, name: 'sh', state: 'S', cpuPercent: null, cpuSeconds: 0, priority: 20, nice: 0}]);
		expect(toJsonDocument(snapshot, system, [server]).processes[0]).not.toHaveProperty('threadList');
	});
});
