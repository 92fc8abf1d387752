import {describe, expect, test} from 'vitest';
import {canDrawBlocks, sparkline} from '../../source/model/sparkline.js';

describe('sparkline', () => {
	test('one block per value, scaled to max; a gap is a space', () => {
		expect(sparkline([0, 50, 100, Number.NaN, 25], {cells: 10, max: 100})).toBe('▁▅█ ▃');
	});
	test('plain ASCII when asked', () => {
		expect(sparkline([0, 50, 100], {cells: 10, max: 100, ascii: true})).toBe('.+@');
	});
	test('more values than cells: each cell is the mean of its share, newest last', () => {
		expect(sparkline([0, 0, 100, 100], {cells: 2, max: 100})).toBe('▁█');
		expect(sparkline([Number.NaN, Number.NaN, 100, 100], {cells: 2, max: 100})).toBe(' █');
	});
	test('values above max are drawn as full, a max of 0 does not divide by zero', () => {
		expect(sparkline([300], {cells: 1, max: 100})).toBe('█');
		expect(sparkline([0, 0], {cells: 2, max: 0})).toBe('▁▁');
	});
});

describe('canDrawBlocks', () => {
	test('UTF-8 locales and no locale at all draw blocks; C/POSIX locales and TERM=dumb do not', () => {
		expect(canDrawBlocks({LANG: 'en_US.UTF-8'})).toBe(true);
		expect(canDrawBlocks({LC_ALL: 'C.utf8'})).toBe(true);
		expect(canDrawBlocks({})).toBe(true);
		expect(canDrawBlocks({LANG: 'C'})).toBe(false);
		expect(canDrawBlocks({LC_ALL: 'POSIX', LANG: 'en_US.UTF-8'})).toBe(false);
		expect(canDrawBlocks({LANG: 'en_US.UTF-8', TERM: 'dumb'})).toBe(false);
	});
});
