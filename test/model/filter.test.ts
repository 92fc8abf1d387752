import {describe, expect, test} from 'vitest';
import {matchProcess, parseQuery, Rank, rankProcess} from '../../source/model/filter.js';
import {selectProcesses} from '../../source/model/select.js';
import {processSample} from '../helpers/processes.js';
import {seededRandom} from '../helpers/seeded-random.js';

const rankOf = (query: string, name: string, command = '', user = 'alice') => matchProcess(parseQuery(query), {name, command, user}).rank;

describe('matchProcess', () => {
	test.each([
		['exact name', 'node', 'node', '/usr/bin/node app.js', Rank.Exact],
		['exact program', 'python3', 'python', '/usr/bin/python3 x.py', Rank.Exact],
		['case-insensitive', 'NODE', 'node', '', Rank.Exact],
		['prefix of name', 'no', 'node', '', Rank.Prefix],
		['substring of name', 'ode', 'node', '', Rank.Substring],
		['substring of command only', 'app.js', 'node', '/usr/bin/node app.js', Rank.Substring],
		['letters in order are no match by default', 'nde', 'node', '', Rank.None],
		// The trial's surprises (#12): \true matched rcu_tasks_rude_kthread, \link line_io_tools.
		['no fuzzy surprise: true', 'true', 'rcu_tasks_rude_kthread', '', Rank.None],
		['no fuzzy surprise: link', 'link', 'line_io_tools', '/usr/bin/line_io_tools', Rank.None],
		['~ asks for fuzzy: name', '~nde', 'node', '', Rank.Fuzzy],
		['~ fuzzy still ranks a substring above fuzzy', '~ode', 'node', '', Rank.Substring],
		['~ fuzzy does not roam the whole command line', '~xyz', 'node', '/usr/bin/node --x --y --z', Rank.None],
		['the user matches too', 'alic', 'node', '/usr/bin/node', Rank.Substring],
		['no match', 'zzz', 'node', '/usr/bin/node', Rank.None],
		['all terms must match', 'node app', 'node', '/usr/bin/node app.js', Rank.Substring],
		['a missing term fails', 'node nope', 'node', '/usr/bin/node app.js', Rank.None],
		['shell metacharacters are just text', '$(reboot)', 'sh', 'sh -c $(reboot)', Rank.Substring],
	])('%s', (_label, query, name, command, expected) => {
		expect(rankOf(query, name, command)).toBe(expected);
	});

	test('matched positions point at the characters to highlight', () => {
		expect(matchProcess(parseQuery('ode'), {name: 'node', command: ''}).namePositions).toEqual([1, 2, 3]);
		expect(matchProcess(parseQuery('~nde'), {name: 'node', command: ''}).namePositions).toEqual([0, 2, 3]);
		expect(matchProcess(parseQuery('app'), {name: 'node', command: 'node app.js'}).commandPositions).toEqual([5, 6, 7]);
	});

	test('an empty query has no terms; ~ alone is an empty fuzzy query', () => {
		expect(parseQuery('   ')).toEqual({terms: [], fuzzy: false});
		expect(parseQuery('~')).toEqual({terms: [], fuzzy: true});
		expect(parseQuery(' ~No de')).toEqual({terms: ['no', 'de'], fuzzy: true});
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

describe('app, service and port terms', () => {
	const web = {...processSample({pid: 5, name: 'node', command: 'node server.js http://localhost:3000'}), app: 'my-api › server.js', service: 'api.service'};
	web.ports = [{protocol: 'tcp', address: '::', port: 8080}];
	const other = {...processSample({pid: 6, name: 'curl', command: 'curl http://localhost:8080'}), app: 'curl'};
	test('the app label and the service match as text', () => {
		expect(matchProcess(parseQuery('my-api'), web).rank).toBe(Rank.Substring);
		expect(matchProcess(parseQuery('api.service'), web).rank).toBe(Rank.Substring);
		expect(matchProcess(parseQuery('my-api'), other).rank).toBe(Rank.None);
	});
	test(':PORT matches the listener of that port and nothing else (not a command line that mentions it)', () => {
		expect(matchProcess(parseQuery(':8080'), web).rank).toBe(Rank.Exact);
		expect(matchProcess(parseQuery(':8080'), other).rank).toBe(Rank.None);
		expect(matchProcess(parseQuery(':3000'), web).rank).toBe(Rank.None);
		expect(selectProcesses([web, other], {filter: ':8080', user: undefined, sort: 'cpu', inverted: false}).map(p => p.pid)).toEqual([5]);
	});
});

describe('rankProcess', () => {
	// Random names, command lines and queries over a small alphabet, so that every rank turns up.
	const random = seededRandom(17);
	const letters = ['a', 'b', 'n', 'o', 'd', 'e', '/', ' ', '-', 'N', 'É', 'é', '3', ':'];
	const text = (longest: number) => Array.from({length: Math.floor(random() * longest)}, () => letters[Math.floor(random() * letters.length)]).join('');

	test('ranks as matchProcess does, and the positions matchProcess highlights spell each term', () => {
		const seen = new Set<Rank>();
		for (let index = 0; index < 20_000; index++) {
			const process = {name: text(8), command: text(24), user: text(5), app: random() < 0.3 ? text(6) : undefined};
			const query = parseQuery((random() < 0.3 ? '~' : '') + text(4));
			const match = matchProcess(query, process);
			expect(rankProcess(query, process)).toBe(match.rank);
			seen.add(match.rank);
			if (query.fuzzy || match.rank === Rank.None || query.terms.length !== 1) continue;
			const [term] = query.terms;
			const positions = match.namePositions.length > 0 ? match.namePositions : match.commandPositions;
			const source = match.namePositions.length > 0 ? process.name : process.command;
			if (positions.length > 0)
				expect(
					positions
						.map(at => source[at])
						.join('')
						.toLowerCase(),
				).toBe(term);
		}
		expect([...seen].sort()).toEqual([Rank.None, Rank.Fuzzy, Rank.Substring, Rank.Prefix, Rank.Exact]);
	});
});
