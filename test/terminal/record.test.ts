// --record and --replay as a user meets them: recording real processes headless (--count, and
// until SIGTERM), printing a moment with --replay --json --at, streaming it with --watch, and the
// replay in a real terminal: from its start, stepping, read-only.
import {spawn} from 'node:child_process';
import {mkdtempSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {cleanUpAfterAll} from '../helpers/cleanup.js';
import {spawnProctop} from '../helpers/pty.js';
import {CLI, runCli} from '../helpers/run-cli.js';

const marker = `rectest${process.pid}`;
const {groups: helpers, screens} = cleanUpAfterAll();
const dir = () => mkdtempSync(join(tmpdir(), 'proctop-record-'));

describe.runIf(process.platform === 'linux')('--record and --replay', () => {
	test('--record --count 3 records real processes silently; --replay --json --at prints that moment; --watch streams all', async () => {
		const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', marker], {stdio: 'ignore', detached: true});
		helpers.push(child);
		const file = join(dir(), 'real.ptrec');
		const recorded = await runCli(['--record', file, '--count', '3', '--interval', '0.2']);
		expect(recorded).toMatchObject({code: 0, stdout: '', stderr: ''});
		const moment = await runCli(['--replay', file, '--json', '--at', '+0.2s']);
		expect(moment.code).toBe(0);
		const document = JSON.parse(moment.stdout);
		const mine = document.processes.find((process: {pid: number}) => process.pid === child.pid);
		expect(mine.command).toContain(marker);
		expect(document.system.hostname).toBeTruthy();
		const stream = await runCli(['--replay', file, '--json', '--watch']);
		const lines = stream.stdout.trimEnd().split('\n');
		expect(lines).toHaveLength(3);
		const times = lines.map(line => Date.parse(JSON.parse(line).takenAt));
		expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(300);
		// --filter narrows what is printed, as for --json.
		const filtered = JSON.parse((await runCli(['--replay', file, '--json', '--at', '+0s', '--filter', marker])).stdout);
		expect(filtered.processes.map((process: {pid: number}) => process.pid)).toEqual([child.pid]);
	});

	test('without --count it records until SIGTERM and stops cleanly (0); a second run appends a session', async () => {
		const file = join(dir(), 'until.ptrec');
		const recorder = spawn(process.execPath, [CLI, '--record', file, '--interval', '0.1'], {stdio: ['ignore', 'pipe', 'pipe']});
		helpers.push(recorder);
		let output = '';
		recorder.stdout!.on('data', data => (output += data));
		const exited = new Promise<number | null>(resolve => recorder.once('exit', code => resolve(code)));
		for (let attempt = 0; attempt < 100; attempt++) {
			const frames = await runCli(['--replay', file, '--json', '--watch']).catch(() => undefined);
			if ((frames?.stdout.trimEnd().split('\n').length ?? 0) >= 3) break;
			await new Promise(resolve => setTimeout(resolve, 100));
		}
		recorder.kill('SIGTERM');
		expect(await exited).toBe(0);
		expect(output).toBe('');
		const before = statSync(file).size;
		expect((await runCli(['--record', file, '--count', '1'])).code).toBe(0);
		expect(statSync(file).size).toBeGreaterThan(before);
	});

	test('bad recordings and bad moments: one line each', async () => {
		const file = join(dir(), 'x.ptrec');
		await runCli(['--record', file, '--count', '1']);
		const bad = await runCli(['--replay', file, '--json', '--at', 'teatime']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/^proctop: --at "teatime" is not valid: expected an ISO 8601 time/);
		const missing = await runCli(['--replay', join(dir(), 'none.ptrec'), '--json', '--at', '+0s']);
		expect(missing).toMatchObject({code: 1, stdout: ''});
		expect(missing.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/cannot read .*none\.ptrec \(ENOENT\)/)]);
	});

	test('the replay in a terminal: from its start, } steps, k is refused (read-only), J jumps, q quits', async () => {
		const file = join(dir(), 'ui.ptrec');
		await runCli(['--record', file, '--count', '4', '--interval', '0.2']);
		const screen = spawnProctop(['--replay', file], {columns: 140, rows: 30});
		screens.push(screen);
		await screen.waitFor(text => /replay \d\d:\d\d:\d\d \(\+0\.0 s\) {3}the start/.test(text) && text.includes('PID USER'));
		screen.write('}');
		await screen.waitFor(text => /replay \d\d:\d\d:\d\d \(\+0\.[1-4] s\)/.test(text));
		screen.write('k');
		await screen.waitFor(text => text.includes('this is a recording: a replay never signals or renices anything'));
		screen.write('J');
		await screen.waitFor(text => text.includes('Jump to'));
		screen.write('+10m\r');
		await screen.waitFor(text => /replay \d\d:\d\d:\d\d \(\+0\.[5-9] s\)/.test(text));
		screen.write('q');
		expect((await screen.exited).exitCode).toBe(0);
	});

	test('--record beside the UI: q quits and the moments are in the file', async () => {
		const file = join(dir(), 'beside.ptrec');
		const screen = spawnProctop(['--record', file, '--interval', '0.2'], {columns: 140, rows: 30});
		screens.push(screen);
		await screen.waitFor(text => text.includes('PID USER'));
		// Frames go out as they are taken: wait until two are readable, then quit.
		for (let attempt = 0; attempt < 100; attempt++) {
			const frames = await runCli(['--replay', file, '--json', '--watch']);
			if (frames.stdout.trimEnd().split('\n').length >= 2) break;
		}
		screen.write('q');
		expect((await screen.exited).exitCode).toBe(0);
		const stream = await runCli(['--replay', file, '--json', '--watch']);
		expect(stream.stdout.trimEnd().split('\n').length).toBeGreaterThanOrEqual(2);
	});
});
