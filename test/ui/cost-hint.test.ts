// The cost hint: when proctop's own CPU (or a saturated machine) is worth a word, with hysteresis.
import {describe, expect, test} from 'vitest';
import {COST_HINT, costHint, recentMean} from '../../source/ui/cost-hint.js';

const base = {cpuPercentPerCore: [10, 20], intervalMs: 1000, shown: false};

describe('costHint', () => {
	test('says nothing until a few ticks are known, or while the cost is small', () => {
		expect(costHint({...base, recentOwnCpuPercent: null})).toBeUndefined();
		expect(costHint({...base, recentOwnCpuPercent: 3})).toBeUndefined();
		expect(costHint({...base, recentOwnCpuPercent: COST_HINT.ownCpuPercent - 0.5})).toBeUndefined();
	});

	test('names the cost, the refresh and the key once proctop itself is costly', () => {
		expect(costHint({...base, recentOwnCpuPercent: 23.4})).toBe('proctop uses 23% CPU at a 1s refresh; d sets a slower one');
		expect(costHint({...base, recentOwnCpuPercent: 40, intervalMs: 500})).toContain('at a 0.5s refresh');
	});

	test('stays shown until the cost falls clearly below the threshold (no flicker at the edge)', () => {
		const hovering = COST_HINT.ownCpuPercent * 0.9;
		expect(costHint({...base, recentOwnCpuPercent: hovering, shown: false})).toBeUndefined();
		expect(costHint({...base, recentOwnCpuPercent: hovering, shown: true})).toBeDefined();
		expect(costHint({...base, recentOwnCpuPercent: COST_HINT.ownCpuPercent * COST_HINT.clearBelow - 1, shown: true})).toBeUndefined();
	});

	test('on a saturated machine a smaller own cost is worth a word, at fast refreshes only', () => {
		const saturated = {...base, cpuPercentPerCore: [97, 99], recentOwnCpuPercent: 6};
		expect(costHint(saturated)).toBe('CPUs are saturated and proctop takes 6% at a 1s refresh; d sets a slower one');
		expect(costHint({...saturated, intervalMs: 5000})).toBeUndefined();
		expect(costHint({...saturated, recentOwnCpuPercent: 2})).toBeUndefined();
		expect(costHint({...saturated, cpuPercentPerCore: [50, 60]})).toBeUndefined();
		expect(costHint({...saturated, cpuPercentPerCore: []})).toBeUndefined();
		// Once shown, it holds while the machine stays above the lower mark.
		expect(costHint({...saturated, cpuPercentPerCore: [85, 85], shown: true})).toBeDefined();
		expect(costHint({...saturated, cpuPercentPerCore: [85, 85], shown: false})).toBeUndefined();
		expect(costHint({...saturated, cpuPercentPerCore: [70, 70], shown: true})).toBeUndefined();
	});
});

describe('recentMean', () => {
	test('is null until enough readings, then their mean', () => {
		expect(recentMean([10, 20])).toBeNull();
		expect(recentMean([10, 20, 30])).toBe(20);
	});
});
