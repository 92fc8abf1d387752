import {describe, expect, test} from 'vitest';
import {Rank, matchProcess, parseQuery} from '../../source/sampling/filter.js';
import {selectProcesses} from '../../source/sampling/select.js';
import {processSample} from '../helpers/processes.js';

const rankOf = (query: string, name: string, command = '') => matchProcess(parseQuery(query), {name, command}).rank;

describe('matchProcess', () => {
	test.each([
		['exact name', 'node', 'node', '/usr/bin/node app.js', Rank.Exact],
		['exact program', 'python3', 'python', '/usr/bin/python3 x.py', Rank.Exact],
		['case-insensitive', 'NODE', 'node', '', Rank.Exact],
		['prefix of name', 'no', 'node', '', Rank.Prefix],
		['substring of name', 'ode', 'node', '', Rank.Substring],
		['substring of command only', 'app.js', 'node', '/usr/bin/node app.js', Rank.Substring],
		['fuzzy name', 'nde', 'node', '', Rank.Fuzzy],
		['fuzzy does not roam the whole command line', 'xyz', 'node', '/usr/bin/node --x --y --z', Rank.None],
		['no match', 'zzz', 'node', '/usr/bin/node', Rank.None],
		['all terms must match', 'node app', 'node', '/usr/bin/node app.js', Rank.Substring],
		['a missing term fails', 'node nope', 'node', '/usr/bin/node app.js', Rank.None],
		['shell metacharacters are just text', '$(reboot)', 'sh', 'sh -c $(reboot)', Rank.Substring],
	])('%s', (_label, query, name, command, expected) => {
		expect(rankOf(query, name, command)).toBe(expected);
	});

	test('matched positions point at the characters to highlight', () => {
		expect(matchProcess(['ode'], {name: 'node', command: ''}).namePositions).toEqual([1, 2, 3]);
		expect(matchProcess(['nde'], {name: 'node', command: ''}).namePositions).toEqual([0, 2, 3]);
		expect(matchProcess(['app'], {name: 'node', command: 'node app.js'}).commandPositions).toEqual([5, 6, 7]);
	});

	test('an empty query has no terms', () => {
		expect(parseQuery('   ')).toEqual([]);
	});
});

describe('selectProcesses', () => {
	const processes = [
		processSample({pid: 1, name: 'nodejs-helper', cpuPercent: 90, user: 'root'}),
		processSample({pid: 2, name: 'node', cpuPercent: 1, user: 'alice'}),
		processSample({pid: 3, name: 'bash', cpuPercent: 50, user: 'alice'}),
	];
	test('better-ranked matches first, then the sort', () => {
		expect(selectProcesses(processes, {filter: 'node', user: undefined, sort: 'cpu', inverted: false}).map(p => p.pid)).toEqual([2, 1]);
	});
	test('no filter keeps the sort; user restricts', () => {
		expect(selectProcesses(processes, {filter: '', user: undefined, sort: 'cpu', inverted: false}).map(p => p.pid)).toEqual([1, 3, 2]);
		expect(selectProcesses(processes, {filter: '', user: 'alice', sort: 'cpu', inverted: false}).map(p => p.pid)).toEqual([3, 2]);
	});
});
