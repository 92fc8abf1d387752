import {describe, expect, test} from 'vitest';
import {BLOCK, createHistory} from '../../source/history/ring.js';
import {inOrder} from '../../source/model/sparkline.js';
import type {ProcessSample} from '../../source/types.js';
import {processSample, snapshotOf} from '../helpers/processes.js';
import {seededRandom} from '../helpers/seeded-random.js';

const at = (takenAt: number, processes: ProcessSample[]) => ({...snapshotOf(processes), takenAt});
const idle = (pid: number, extra: Partial<ProcessSample> = {}) =>
	processSample({pid, name: `p${pid}`, cpuTicks: 10, residentBytes: 4096, cpuPercent: 0, ...extra});

describe('createHistory', () => {
	test('any kept tick comes back exactly as it was recorded', () => {
		const history = createHistory({windowMs: 3_600_000});
		const recorded = [];
		for (let tick = 0; tick < BLOCK + 30; tick++) {
			// pid 1 busy (changes every tick), pid 2 idle, pid 3 comes and goes, pid 4 renamed once.
			const processes = [
				idle(1, {cpuTicks: 10 + tick * 3, cpuPercent: tick % 7, residentBytes: 4096 * (1 + (tick % 5)), state: tick % 2 ? 'R' : 'S'}),
				idle(2),
				...(tick % 10 < 5 ? [idle(3, {startTicks: String(1000 + Math.floor(tick / 10))})] : []),
				idle(4, {name: tick < 50 ? 'before' : 'after', app: tick < 60 ? '' : 'api › server.js'}),
				// pid 5: no CPU% on the first tick (as every process's first), then one figure at a time.
				idle(5, {cpuPercent: tick === 0 ? null : 1, threads: tick < 70 ? 1 : 3, nice: tick < 90 ? 0 : 5, ppid: tick < 100 ? 1 : 4}),
				// pid 6: left out of one read (as a garbled read would), then back, the same identity.
				...(tick === 20 ? [] : [idle(6, {cpuTicks: 10 + Math.floor(tick / 3)})]),
			];
			const snapshot = at(1_000_000 + tick * 1000, processes);
			recorded.push(snapshot);
			history.record(snapshot);
		}
		// The graph column's recent CPU is checked on its own below (live samples share one array).
		const withoutRecent = (processes: ProcessSample[]) => processes.map(({recentCpu: _recent, ...rest}) => rest);
		for (const seq of [0, 1, 19, 20, 21, 22, 49, 50, 61, 69, 70, 91, 100, BLOCK - 1, BLOCK, BLOCK + 29]) {
			const back = history.at(seq)!.snapshot;
			expect(back.takenAt).toBe(recorded[seq]!.takenAt);
			expect(withoutRecent(back.processes)).toEqual(withoutRecent(recorded[seq]!.processes));
		}
		// Appeared / exited relative to the tick before: pid 3 goes at 5, comes back (a new identity) at 10.
		expect(history.at(5)!.snapshot.changes.exited.map(gone => gone.pid)).toEqual([3]);
		expect(history.at(10)!.snapshot.changes.appeared).toEqual([processSample({pid: 3, startTicks: '1001'}).key]);
	});

	test('random changes to any figures, processes coming and going: every kept tick comes back exactly', () => {
		const random = seededRandom(17);
		const history = createHistory({windowMs: 3_600_000});
		const recorded = [];
		let processes = Array.from({length: 30}, (_, index) => idle(index + 1, {cpuPercent: null}));
		for (let tick = 0; tick < 2 * BLOCK + 15; tick++) {
			processes = processes
				// Some exit, some are left out of a read now and then (the same identity comes back).
				.filter(() => random() > 0.02)
				.map(process => ({
					...process,
					cpuTicks: process.cpuTicks + (random() < 0.5 ? Math.floor(random() * 50) : 0),
					cpuPercent: random() < 0.5 ? Math.floor(random() * 100) : process.cpuPercent,
					residentBytes: random() < 0.2 ? 4096 * Math.floor(random() * 1000) : process.residentBytes,
					threads: random() < 0.05 ? 1 + Math.floor(random() * 8) : process.threads,
					nice: random() < 0.02 ? Math.floor(random() * 20) : process.nice,
					state: random() < 0.1 ? (random() < 0.5 ? 'R' : 'S') : process.state,
					ppid: random() < 0.02 ? 1 : process.ppid,
				}));
			if (random() < 0.5) processes.push(idle(1000 + tick, {cpuPercent: null, startTicks: String(tick)}));
			const shown = processes.filter(() => random() > 0.03);
			const snapshot = at(tick * 1000, shown);
			recorded.push(snapshot);
			history.record(snapshot);
		}
		const withoutRecent = (list: ProcessSample[]) => list.map(({recentCpu: _recent, ...rest}) => rest);
		const byPid = (list: ProcessSample[]) => [...list].sort((a, b) => a.pid - b.pid);
		for (let seq = 0; seq < recorded.length; seq++) {
			expect(withoutRecent(history.at(seq)!.snapshot.processes), `tick ${seq}`).toEqual(withoutRecent(byPid(recorded[seq]!.processes)));
		}
		// And every process's series agrees with what was recorded, tick by tick, while it was seen.
		const keys = new Set(recorded.flatMap(snapshot => snapshot.processes.map(process => process.key)));
		let compared = 0;
		for (const key of keys) {
			const series = history.seriesOf(key);
			const first = recorded.findIndex(snapshot => snapshot.processes.some(process => process.key === key));
			recorded.slice(first).forEach((snapshot, index) => {
				const seen = snapshot.processes.find(process => process.key === key);
				if (!seen || index >= series.cpuPercent.length) return;
				expect([series.cpuPercent[index], series.residentBytes[index]], `${key} at tick ${first + index}`).toEqual([
					seen.cpuPercent ?? Number.NaN,
					seen.residentBytes,
				]);
				compared++;
			});
		}
		expect(compared).toBeGreaterThan(3000);
	});

	test('a reused pid is another process: its own row, its own lifetime', () => {
		const history = createHistory({windowMs: 3_600_000});
		history.record(at(0, [idle(7, {startTicks: '100', name: 'old', residentBytes: 9e6})]));
		history.record(at(1000, [idle(7, {startTicks: '200', name: 'new'})]));
		expect(history.at(0)!.snapshot.processes.map(process => process.name)).toEqual(['old']);
		expect(history.at(1)!.snapshot.processes.map(process => process.name)).toEqual(['new']);
		expect(history.exited()).toMatchObject([{pid: 7, name: 'old', endedAt: 1000, peakResidentBytes: 9e6}]);
	});

	test('exited processes: the most recent first, with peak CPU and memory', () => {
		const history = createHistory({windowMs: 3_600_000});
		history.record(at(0, [idle(1), idle(2, {cpuPercent: 80}), idle(3)]));
		history.record(at(1000, [idle(1), idle(2, {cpuPercent: 20, residentBytes: 8e6}), idle(3)]));
		history.record(at(2000, [idle(1), idle(3)]));
		history.record(at(3000, [idle(1)]));
		expect(history.exited().map(record => [record.pid, record.endedAt, record.peakCpuPercent, record.peakResidentBytes])).toEqual([
			[3, 3000, 0, 4096],
			[2, 2000, 80, 8e6],
		]);
	});

	test('bounded: old blocks go once the window has passed them, and the identities only they held', () => {
		const history = createHistory({windowMs: 10_000});
		for (let tick = 0; tick < BLOCK * 4; tick++) history.record(at(tick * 1000, [idle(1), idle(10_000 + tick, {startTicks: String(tick)})]));
		const range = history.range()!;
		// 10 s kept, plus at most the rest of a block (whole blocks go), never less than the window.
		expect(range.newest - range.oldest + 1).toBeGreaterThan(10);
		expect(range.newest - range.oldest + 1).toBeLessThanOrEqual(2 * BLOCK);
		expect(history.at(range.oldest - 1)).toBeUndefined();
		expect(history.exited().length).toBeLessThanOrEqual(2 * BLOCK);
		expect(history.at(range.oldest)!.snapshot.processes).toHaveLength(2);
	});

	test('an idle process costs nothing per tick; a busy one one row', () => {
		const history = createHistory({windowMs: 3_600_000});
		const many = Array.from({length: 1000}, (_, index) => idle(index + 1));
		history.record(at(0, many));
		const afterKeyframe = history.bytes();
		for (let tick = 1; tick < 60; tick++) history.record(at(tick * 1000, [...many.slice(1), idle(1, {cpuTicks: 10 + tick, cpuPercent: 1})]));
		// 59 ticks of one changed row each: a small fraction of the one keyframe of 1,000.
		expect(history.bytes() - afterKeyframe).toBeLessThan(afterKeyframe / 2);
	});

	test('a changed process stores only the figures that changed', () => {
		const history = createHistory({windowMs: 3_600_000});
		const many = (cpuPercent: number | null) => Array.from({length: 1000}, (_, index) => idle(index + 1, {cpuPercent}));
		// The first tick has no CPU% (nothing to compare with yet); the second gives every process one.
		history.record(at(0, many(null)));
		const keyframe = history.bytes();
		history.record(at(1000, many(0)));
		// One figure of 17 for each of the 1,000: well under a fifth of the keyframe (a whole row each would be more than all of it).
		expect(history.bytes() - keyframe).toBeLessThan(keyframe / 5);
		expect(history.at(0)!.snapshot.processes[0]!.cpuPercent).toBeNull();
		expect(history.at(1)!.snapshot.processes.map(process => process.cpuPercent)).toEqual(Array(1000).fill(0));
	});

	test('an exited process lets go of what only a live one needs; its record stays', () => {
		const history = createHistory({windowMs: 3_600_000});
		// 200 ticks: one long-lived process, and 20 new ones a tick that live two ticks each.
		for (let tick = 0; tick < 200; tick++) {
			const shortLived = [tick - 1, tick].flatMap(born =>
				born < 0 ? [] : Array.from({length: 20}, (_, index) => idle(1000 + born * 20 + index, {cpuPercent: 5, residentBytes: 8192 + born})),
			);
			history.record(at(tick * 1000, [idle(1), ...shortLived]));
		}
		// 41 live (one, and two generations of 20); 3,960 exited, each still in the exited list with its peaks.
		expect(history.rowsHeld()).toBe(41);
		const exited = history.exited();
		expect(exited).toHaveLength(500);
		expect(exited[0]).toMatchObject({pid: 1000 + 197 * 20, peakCpuPercent: 5, peakResidentBytes: 8192 + 197});
		// And any past moment still comes back whole.
		expect(history.at(100)!.snapshot.processes).toHaveLength(41);
		expect(history.at(100)!.snapshot.processes.find(process => process.pid === 1000 + 99 * 20)).toMatchObject({cpuPercent: 5, residentBytes: 8192 + 99});
	});

	test('a process a read left out comes back with a new recent-CPU buffer', () => {
		const history = createHistory({windowMs: 3_600_000});
		let live: ProcessSample[] = [];
		for (let tick = 0; tick < 10; tick++) {
			live = tick === 5 ? [] : [idle(1, {cpuPercent: tick})];
			history.record(at(tick * 1000, live));
		}
		expect(inOrder(live[0]!.recentCpu!)).toEqual([6, 7, 8, 9]);
		expect(history.rowsHeld()).toBe(1);
	});

	test('each process carries its last 16 ticks of CPU% for the graph column, live and in the past', () => {
		const history = createHistory({windowMs: 3_600_000});
		let live: ProcessSample[] = [];
		for (let tick = 0; tick < 40; tick++) {
			live = [idle(1, {cpuPercent: tick, cpuTicks: tick}), idle(2)];
			history.record(at(tick * 1000, live));
		}
		const recent = (process: ProcessSample | undefined) => inOrder(process!.recentCpu!);
		expect(recent(live[0])).toEqual(Array.from({length: 16}, (_, index) => 24 + index));
		expect(recent(live[1])).toEqual(Array(16).fill(0));
		expect(recent(history.at(30)!.snapshot.processes[0])).toEqual(Array.from({length: 16}, (_, index) => 15 + index));
		// Near the start only what was kept: ticks 0..3.
		expect(recent(history.at(3)!.snapshot.processes[0])).toEqual([0, 1, 2, 3]);
	});

	test("one process's CPU and memory over time", () => {
		const history = createHistory({windowMs: 3_600_000});
		for (let tick = 0; tick < 5; tick++) history.record(at(tick * 1000, [idle(1, {cpuPercent: tick * 10, cpuTicks: tick, residentBytes: 1000 * tick})]));
		const series = history.seriesOf(idle(1).key);
		expect(series.cpuPercent).toEqual([0, 10, 20, 30, 40]);
		expect(series.residentBytes).toEqual([0, 1000, 2000, 3000, 4000]);
	});

	test('a series carries a figure forward through the ticks that did not change it, across keyframes', () => {
		const history = createHistory({windowMs: 3_600_000});
		const ticks = BLOCK + 10;
		// pid 2 also changes, in between pid 1's row, so pid 1's figures sit at different places in each tick.
		for (let tick = 0; tick < ticks; tick++)
			history.record(
				at(tick * 1000, [
					idle(2, {cpuTicks: tick, threads: 1 + (tick % 3)}),
					idle(1, {cpuPercent: Math.floor(tick / 2), residentBytes: 1000 * Math.floor(tick / 3)}),
				]),
			);
		const series = history.seriesOf(idle(1).key);
		expect(series.cpuPercent).toEqual(Array.from({length: ticks}, (_, tick) => Math.floor(tick / 2)));
		expect(series.residentBytes).toEqual(Array.from({length: ticks}, (_, tick) => 1000 * Math.floor(tick / 3)));
	});
	test("the machine series: each tick's mean core CPU and memory used, the meters noted later included", () => {
		const history = createHistory({windowMs: 3_600_000});
		const system = (usedBytes: number) => ({
			hostname: 'h',
			memory: {totalBytes: 1000, usedBytes, availableBytes: 1000 - usedBytes},
			swap: {totalBytes: 0, usedBytes: 0},
			uptimeSeconds: 1,
			loadAverage: [0, 0, 0] as [number, number, number],
		});
		const machineSeries = (count: number, until?: number) => history.machineSeries!(count, until);
		for (let tick = 0; tick < 5; tick++) history.record({...at(1000 * tick, [idle(1)]), cpuPercentPerCore: [tick * 10, tick * 20]});
		const before = machineSeries(3);
		expect(before.cpuPercent).toEqual([30, 45, 60]);
		expect(before.memoryUsed).toEqual([Number.NaN, Number.NaN, Number.NaN]);
		// Asked again with nothing new: the same answer.
		expect(machineSeries(3)).toBe(before);
		history.noteSystem!(4000, system(250));
		expect(machineSeries(3).memoryUsed).toEqual([Number.NaN, Number.NaN, 0.25]);
		expect(machineSeries(2, 3).cpuPercent).toEqual([30, 45]);
		history.record({...at(5000, [idle(1)]), cpuPercentPerCore: [100, 100]});
		expect(machineSeries(3).cpuPercent).toEqual([45, 60, 100]);
	});
});
