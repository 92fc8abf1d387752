import {describe, expect, test} from 'vitest';
import {isSupervisor, restartingParent} from '../../source/identify/supervisor.js';

const proc = (pid: number, ppid: number, app: string, command = app) => ({pid, ppid, app, command});

describe('restartingParent', () => {
	const table = [
		proc(10, 1, 'my-api › npm run dev', 'npm run dev'),
		proc(11, 10, 'sh -c node server.js'),
		proc(12, 11, 'my-api › server.js', 'node server.js'),
		proc(20, 1, 'bash (login)', '-bash'),
		proc(21, 20, 'my-api › server.js', 'node server.js'),
		proc(30, 1, 'my-api › app.js (nodemon)', 'node node_modules/.bin/nodemon app.js'),
		proc(31, 30, 'my-api › app.js', 'node app.js'),
		proc(40, 1, 'web › server.js', 'node --watch server.js'),
		proc(41, 40, 'web › server.js', 'node --watch server.js'),
	];
	const byPid = (pid: number) => table.find(entry => entry.pid === pid);
	test.each<[number, number | undefined, string]>([
		[12, 10, 'npm runs a script through sh -c: the npm above the wrapper'],
		[21, undefined, 'started from a shell: nothing restarts it'],
		[31, 30, 'nodemon'],
		[41, 40, 'node --watch'],
		[10, undefined, 'npm itself, under init'],
	])('%i → %s (%s)', (pid, expected) => {
		expect(restartingParent(byPid(pid)!, byPid)?.pid).toBe(expected);
	});
	test('what counts as a supervisor', () => {
		expect(isSupervisor(proc(1, 0, 'web › pnpm run dev'))).toBe(true);
		expect(isSupervisor(proc(1, 0, 'sshd'))).toBe(false);
		expect(isSupervisor(proc(1, 0, 'bash -c npm-check'))).toBe(false);
	});
});
