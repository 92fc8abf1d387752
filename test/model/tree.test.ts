import {describe, expect, test} from 'vitest';
import {buildForest, descendantKeys, flattenForest, withAncestors} from '../../source/model/tree.js';
import {processSample} from '../helpers/processes.js';

const byPid = (a: {pid: number}, b: {pid: number}) => a.pid - b.pid;
const lines = (rows: ReturnType<typeof flattenForest>) => rows.map(row => `${row.prefix}${(row.item as {pid: number}).pid}`);

describe('buildForest', () => {
	test.each([
		['pid 0 parent', {pid: 1, ppid: 0}],
		['ppid == pid', {pid: 7, ppid: 7}],
		['missing parent (exited, hidepid)', {pid: 9, ppid: 12345}],
		['negative ppid from a garbled source', {pid: 8, ppid: -1}],
	])('%s makes a root', (_label, fields) => {
		const forest = buildForest([processSample(fields)]);
		expect(forest.roots.map(p => p.pid)).toEqual([fields.pid]);
	});

	test('a cycle (garbled input) is broken, nothing is lost', () => {
		const forest = buildForest([processSample({pid: 2, ppid: 3}), processSample({pid: 3, ppid: 2})]);
		const rows = flattenForest(forest, {compare: byPid});
		expect(rows.map(row => row.item.pid).sort()).toEqual([2, 3]);
	});
});

describe('flattenForest', () => {
	const processes = [
		processSample({pid: 1, ppid: 0}),
		processSample({pid: 10, ppid: 1}),
		processSample({pid: 11, ppid: 10}),
		processSample({pid: 12, ppid: 10}),
		processSample({pid: 20, ppid: 1}),
		processSample({pid: 21, ppid: 20}),
	];
	const forest = buildForest(processes);

	test('depth-first with guide prefixes, siblings sorted', () => {
		expect(lines(flattenForest(forest, {compare: byPid}))).toEqual(['1', '├─ 10', '│  ├─ 11', '│  └─ 12', '└─ 20', '   └─ 21']);
	});

	test('sorting applies among siblings', () => {
		const reversed = (a: {pid: number}, b: {pid: number}) => b.pid - a.pid;
		expect(lines(flattenForest(forest, {compare: reversed}))).toEqual(['1', '├─ 20', '│  └─ 21', '└─ 10', '   ├─ 12', '   └─ 11']);
	});

	test('a collapsed branch hides its descendants and counts them', () => {
		const rows = flattenForest(forest, {compare: byPid, collapsed: new Set(['10:100'])});
		expect(lines(rows)).toEqual(['1', '├─ 10', '└─ 20', '   └─ 21']);
		expect(rows[1]).toMatchObject({collapsed: true, hiddenDescendants: 2, hasChildren: true});
	});

	test('collapsing a leaf changes nothing', () => {
		const rows = flattenForest(forest, {compare: byPid, collapsed: new Set(['11:100'])});
		expect(rows.find(row => row.item.pid === 11)).toMatchObject({collapsed: false, hiddenDescendants: 0});
	});

	test('keep shows only matches and their ancestors', () => {
		const kept = withAncestors(forest, ['12:100']);
		expect(lines(flattenForest(forest, {compare: byPid, keep: kept}))).toEqual(['1', '└─ 10', '   └─ 12']);
	});

	test('a 20,000-deep chain does not overflow the stack', () => {
		const chain = Array.from({length: 20_000}, (_, index) => processSample({pid: index + 1, ppid: index}));
		const chainForest = buildForest(chain);
		expect(flattenForest(chainForest, {compare: byPid})).toHaveLength(20_000);
		expect(flattenForest(chainForest, {compare: byPid, collapsed: new Set(['1:100'])})[0]!.hiddenDescendants).toBe(19_999);
		expect(descendantKeys(chainForest, '1:100')).toHaveLength(19_999);
	});
});

describe('descendantKeys', () => {
	test('deepest first, so signals can go to children before parents', () => {
		const forest = buildForest([
			processSample({pid: 1, ppid: 0}),
			processSample({pid: 2, ppid: 1}),
			processSample({pid: 3, ppid: 2}),
			processSample({pid: 4, ppid: 1}),
		]);
		const order = descendantKeys(forest, '1:100');
		expect(order.sort()).toEqual(['2:100', '3:100', '4:100']);
		const ordered = descendantKeys(forest, '1:100');
		expect(ordered.indexOf('3:100')).toBeLessThan(ordered.indexOf('2:100'));
	});
});
