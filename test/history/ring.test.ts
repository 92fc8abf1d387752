import {describe, expect, test} from 'vitest';
import {BLOCK, createHistory} from '../../source/history/ring.js';
import {inOrder} from '../../source/model/sparkline.js';
import type {ProcessSample} from '../../source/types.js';
import {processSample, snapshotOf} from '../helpers/processes.js';

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
			];
			const snapshot = at(1_000_000 + tick * 1000, processes);
			recorded.push(snapshot);
			history.record(snapshot);
		}
		// The graph column's recent CPU is checked on its own below (live samples share one array).
		const withoutRecent = (processes: ProcessSample[]) => processes.map(({recentCpu: _recent, ...rest}) => rest);
		for (const seq of [0, 1, 49, 50, 61, BLOCK - 1, BLOCK, BLOCK + 29]) {
			const back = history.at(seq)!.snapshot;
			expect(back.takenAt).toBe(recorded[seq]!.takenAt);
			expect(withoutRecent(back.processes)).toEqual(withoutRecent(recorded[seq]!.processes));
		}
		// Appeared / exited relative to the tick before: pid 3 goes at 5, comes back (a new identity) at 10.
		expect(history.at(5)!.snapshot.changes.exited.map(gone => gone.pid)).toEqual([3]);
		expect(history.at(10)!.snapshot.changes.appeared).toEqual([processSample({pid: 3, startTicks: '1001'}).key]);
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
});
