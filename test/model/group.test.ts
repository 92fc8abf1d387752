import {describe, expect, test} from 'vitest';
import {groupRows, isGroupKey} from '../../source/model/group.js';
import {buildRows} from '../../source/model/view.js';
import {processSample} from '../helpers/processes.js';

const api = (pid: number, cpu: number) =>
	processSample({pid, name: 'node', app: 'api › server.js', cpuPercent: cpu, residentBytes: 100, memoryPercent: 1, threads: 2, user: 'ana'});
const processes = [
	api(10, 5),
	api(11, 20),
	processSample({pid: 20, name: 'bash', cpuPercent: 1, user: 'bob'}),
	processSample({pid: 30, name: 'nginx', app: 'nginx', cpuPercent: 30, user: 'www'}),
];

describe('groupRows', () => {
	test('one row per app with the count and sums, sorted like any row; no pid to act on', () => {
		const rows = groupRows(processes, {sort: 'cpu', inverted: false, open: new Set()});
		expect(rows.map(row => [row.process.app, row.process.command, row.process.cpuPercent])).toEqual([
			['nginx', '1 process', 30],
			['api › server.js', '2 processes', 25],
			['bash', '1 process', 1],
		]);
		const group = rows[1]!;
		expect(group.process).toMatchObject({pid: -1, residentBytes: 200, memoryPercent: 2, threads: 4, user: 'ana'});
		expect(isGroupKey(group.process.key)).toBe(true);
		expect(group).toMatchObject({collapsed: true, hiddenDescendants: 2});
		expect(group.group?.map(member => member.pid)).toEqual([10, 11]);
	});

	test('an open group lists its processes beneath it, in the sort', () => {
		const rows = groupRows(processes, {sort: 'cpu', inverted: false, open: new Set(['app:api › server.js'])});
		expect(rows.map(row => `${row.prefix}${row.process.pid}`)).toEqual(['-1', '-1', ' ├─ 11', ' └─ 10', '-1']);
	});

	test('buildRows: the filter and user apply to the processes before grouping; the tree wins over grouping', () => {
		const rows = buildRows(processes, {sort: 'cpu', inverted: false, tree: false, collapsed: new Set(), filter: 'node', user: undefined, grouped: true});
		expect(rows.map(row => row.process.command)).toEqual(['2 processes']);
		const tree = buildRows(processes, {sort: 'cpu', inverted: false, tree: true, collapsed: new Set(), filter: '', user: undefined, grouped: true});
		expect(tree.every(row => !row.group)).toBe(true);
	});
});
