import {describe, expect, test} from 'vitest';
import {buildRows, countMatches, findMatch, windowRows} from '../../source/model/view.js';
import {processSample} from '../helpers/processes.js';

const processes = [
	processSample({pid: 1, ppid: 0, name: 'init', cpuPercent: 1, user: 'root'}),
	processSample({pid: 10, ppid: 1, name: 'sshd', cpuPercent: 5, user: 'root'}),
	processSample({pid: 11, ppid: 10, name: 'bash', cpuPercent: 2, user: 'alice'}),
	processSample({pid: 12, ppid: 11, name: 'node', cpuPercent: 50, user: 'alice', command: 'node server.js'}),
	processSample({pid: 20, ppid: 1, name: 'cron', cpuPercent: 0, user: 'root'}),
];
const input = {sort: 'cpu' as const, inverted: false, tree: false, collapsed: new Set<string>(), filter: '', user: undefined};
const pids = (rows: ReturnType<typeof buildRows>) => rows.map(row => row.process.pid);

describe('buildRows', () => {
	test('flat, sorted', () => {
		expect(pids(buildRows(processes, input))).toEqual([12, 10, 11, 1, 20]);
	});
	test('tree: sorted among siblings, with guides', () => {
		const rows = buildRows(processes, {...input, tree: true});
		expect(pids(rows)).toEqual([1, 10, 11, 12, 20]);
		expect(rows.map(row => row.prefix)).toEqual(['', '├─ ', '│  └─ ', '│     └─ ', '└─ ']);
	});
	test('tree filter keeps the ancestors of a match for context', () => {
		expect(pids(buildRows(processes, {...input, tree: true, filter: 'node'}))).toEqual([1, 10, 11, 12]);
	});
	test('flat filter hides non-matches', () => {
		expect(pids(buildRows(processes, {...input, filter: 'server'}))).toEqual([12]);
	});
	test('user restricts in both views (tree keeps ancestors)', () => {
		expect(pids(buildRows(processes, {...input, user: 'alice'}))).toEqual([12, 11]);
		expect(pids(buildRows(processes, {...input, tree: true, user: 'alice'}))).toEqual([1, 10, 11, 12]);
	});
	test('flat rows are made once per sample object and follow it as the sampler rewrites it in place', () => {
		const first = buildRows(processes, input);
		const busy = processes[3]!;
		busy.cpuPercent = 0.5;
		const again = buildRows(processes, {...input, inverted: true});
		// Every row is the one made before (no new object per process per list), in the new order.
		expect(new Set(again)).toEqual(new Set(first));
		expect(again.find(row => row.process === busy)).toBe(first.find(row => row.process === busy));
		expect(pids(buildRows(processes, input))).toEqual([10, 11, 1, 12, 20]);
		busy.cpuPercent = 50;
		// Another sample object of the same process (the sampler's other one) has a row of its own.
		const twin = {...busy};
		const withTwin = buildRows([twin], input);
		expect(withTwin[0]!.process).toBe(twin);
		expect(first).not.toContain(withTwin[0]);
	});
	test('filter by user and pid without a query keeps the sort, with or without threads', () => {
		const thread = processSample({pid: 13, threadOf: 12, name: 'node', cpuPercent: 20, user: 'alice'});
		expect(pids(buildRows([...processes, thread], {...input, pids: [12]}))).toEqual([12, 13]);
		expect(pids(buildRows([...processes, thread], {...input, user: 'root', inverted: true}))).toEqual([20, 1, 10]);
	});
	test('collapsed branches stay collapsed and count what they hide', () => {
		const rows = buildRows(processes, {...input, tree: true, collapsed: new Set(['10:100'])});
		expect(pids(rows)).toEqual([1, 10, 20]);
		expect(rows[1]).toMatchObject({collapsed: true, hiddenDescendants: 2});
	});
});

describe('windowRows', () => {
	const rows = buildRows(
		Array.from({length: 100}, (_, index) => processSample({pid: index + 1})),
		{...input, sort: 'pid'},
	);
	const at = (selectedKey: string | undefined, previousTop: number, extra: Partial<Parameters<typeof windowRows>[1]> = {}) =>
		windowRows(rows, {selectedKey, selectedIndex: 0, height: 10, previousTop, following: false, ...extra});

	test('keeps the scroll position while the selection is visible', () => {
		expect(at('15:100', 10)).toMatchObject({selectedIndex: 14, top: 10});
	});
	test('scrolls just enough at the bottom and top edges', () => {
		expect(at('25:100', 10).top).toBe(15);
		expect(at('3:100', 10).top).toBe(2);
	});
	test('never scrolls past the end', () => {
		expect(at('100:100', 95)).toMatchObject({top: 90, selectedIndex: 99});
		expect(at('100:100', 95).visible).toHaveLength(10);
	});
	test('an exited selection falls to the row at its old index (its neighbour)', () => {
		expect(at('gone:1', 0, {selectedIndex: 4}).selectedIndex).toBe(4);
		expect(at('gone:1', 0, {selectedIndex: 400}).selectedIndex).toBe(99);
	});
	test('following centres the selection', () => {
		expect(at('50:100', 0, {following: true}).top).toBe(44);
	});
	test('empty list and zero height', () => {
		expect(windowRows([], {selectedKey: undefined, selectedIndex: 0, height: 10, previousTop: 0, following: false})).toEqual({
			selectedIndex: -1,
			top: 0,
			visible: [],
		});
		expect(at('5:100', 0, {height: 0}).visible).toEqual([]);
	});
});

describe('findMatch', () => {
	const rows = buildRows(processes, {...input, sort: 'pid'});
	test('best-ranked match for typing, next match for n, wrapping', () => {
		expect(findMatch(rows, 'node', 0, 'best')).toBe(3);
		expect(findMatch(rows, 'ssh', 0, 'next')).toBe(1); // sshd
		expect(findMatch(rows, 'sshd', 4, 'next')).toBe(1); // wraps
		expect(findMatch(rows, 'zzz', 0, 'next')).toBe(-1);
	});
	test('countMatches counts the rows a search matches; an empty search matches none', () => {
		expect(countMatches(rows, 'ssh')).toBe(rows.filter(row => row.process.name.includes('ssh') || row.process.command.includes('ssh')).length);
		expect(countMatches(rows, 'ssh')).toBeGreaterThan(0);
		expect(countMatches(rows, 'zzz')).toBe(0);
		expect(countMatches(rows, '  ')).toBe(0);
	});
});
