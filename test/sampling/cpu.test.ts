import {describe, expect, test} from 'vitest';
import {coreBusyPercent, processCpuPercent} from '../../source/sampling/cpu.js';

describe('processCpuPercent', () => {
	const base = {clockTicks: 100, cores: 2};
	test.each([
		['first sight has no value', {previousTicks: undefined, ticks: 50, elapsedMs: 1000}, null],
		['half a core', {previousTicks: 100, ticks: 150, elapsedMs: 1000}, 50],
		['a full core', {previousTicks: 0, ticks: 200, elapsedMs: 2000}, 100],
		['two cores busy', {previousTicks: 0, ticks: 400, elapsedMs: 2000}, 200],
		['above cores×100 is clamped', {previousTicks: 0, ticks: 1000, elapsedMs: 1000}, 200],
		['counter going backwards clamps to 0', {previousTicks: 500, ticks: 100, elapsedMs: 1000}, 0],
		['elapsed 0 (suspend) gives no value', {previousTicks: 0, ticks: 10, elapsedMs: 0}, null],
		['negative elapsed (clock jump) gives no value', {previousTicks: 0, ticks: 10, elapsedMs: -5}, null],
		['NaN elapsed gives no value', {previousTicks: 0, ticks: 10, elapsedMs: Number.NaN}, null],
		['huge counters do not produce NaN', {previousTicks: 1.8e19, ticks: 1.8e19, elapsedMs: 1000}, 0],
	])('%s', (_label, input, expected) => {
		expect(processCpuPercent({...base, ...input})).toBe(expected);
	});
});

describe('coreBusyPercent', () => {
	test.each([
		['no previous', undefined, {busy: 10, total: 20}, 0],
		['half busy', {busy: 10, total: 100}, {busy: 60, total: 200}, 50],
		['total went backwards', {busy: 10, total: 100}, {busy: 5, total: 50}, 0],
		['no time passed', {busy: 10, total: 100}, {busy: 10, total: 100}, 0],
		['busy above total clamps to 100', {busy: 0, total: 0}, {busy: 50, total: 10}, 100],
	])('%s', (_label, previous, current, expected) => {
		expect(coreBusyPercent(previous, current)).toBe(expected);
	});
});
