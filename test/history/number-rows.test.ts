import {describe, expect, it} from 'vitest';
import {createNumberRows} from '../../source/history/number-rows.js';

describe('number rows', () => {
	it('hands out rows of NaN, each its own, and keeps them through growth', () => {
		const rows = createNumberRows(3, 2);
		const taken = [rows.take(), rows.take(), rows.take(), rows.take(), rows.take()];
		expect(new Set(taken).size).toBe(5);
		for (const row of taken) {
			expect([...rows.values.subarray(row * 3, row * 3 + 3)].every(Number.isNaN)).toBe(true);
			rows.values.set([row, row * 10, row * 100], row * 3);
		}
		// Grown past its first two rows twice: what was written is still there.
		expect(rows.values.length).toBeGreaterThanOrEqual(15);
		for (const row of taken) expect([...rows.values.subarray(row * 3, row * 3 + 3)]).toEqual([row, row * 10, row * 100]);
		expect(rows.used).toBe(5);
	});

	it('reuses a released row, blank again, before growing', () => {
		const rows = createNumberRows(2, 2);
		const first = rows.take();
		const second = rows.take();
		rows.values.set([7, 8], second * 2);
		rows.release(second);
		expect(rows.used).toBe(1);
		const again = rows.take();
		expect(again).toBe(second);
		expect(Number.isNaN(rows.values[again * 2]!)).toBe(true);
		expect(Number.isNaN(rows.values[again * 2 + 1]!)).toBe(true);
		expect(rows.values.length).toBe(4);
		expect(first).not.toBe(again);
	});
});
