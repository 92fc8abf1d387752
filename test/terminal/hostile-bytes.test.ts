// Untrusted bytes that are not text: a command line with invalid UTF-8 and a name made only of
// spaces. Both must show visibly (`\xff`, `\x20`), never as U+FFFD or as nothing, in the UI,
// in --once and in --json.
import {type ChildProcess, spawn} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {spawnProctop} from '../helpers/pty.js';
import {runCli} from '../helpers/run-cli.js';

const marker = `badbytes${process.pid}`;
let invalid: ChildProcess;
let blank: ChildProcess;
const screens: Array<ReturnType<typeof spawnProctop>> = [];

beforeAll(async () => {
	// argv[0] of raw bytes 0xff 0xfe (bash's exec -a passes them through untouched).
	invalid = spawn('bash', ['-c', `exec -a $'\\xff\\xfe${marker}' sleep 1000`], {stdio: 'ignore'});
	// comm of three spaces: the shell renames itself, then waits.
	blank = spawn('bash', ['-c', `printf '   ' > /proc/self/comm; while :; do sleep 1; done # ${marker}`], {stdio: 'ignore'});
	await new Promise(resolve => setTimeout(resolve, 300));
});
afterAll(() => {
	invalid.kill('SIGKILL');
	blank.kill('SIGKILL');
	for (const screen of screens) screen.kill('SIGKILL');
});

describe.runIf(process.platform === 'linux')('bytes that are not text', () => {
	test('--json and --once show invalid UTF-8 as \\xNN and a blank name as \\x20', async () => {
		const json = await runCli(['--json', '--interval', '0.1', '--pid', `${invalid.pid},${blank.pid}`]);
		const processes = JSON.parse(json.stdout).processes as Array<{pid: number; name: string; command: string}>;
		const bad = processes.find(process => process.pid === invalid.pid)!;
		expect(bad.command).toBe(`\\xff\\xfe${marker} 1000`);
		expect(bad.command).not.toContain('\ufffd');
		expect(processes.find(process => process.pid === blank.pid)!.name).toBe('\\x20\\x20\\x20');
		const once = await runCli(['--once', '--interval', '0.1', '--pid', `${invalid.pid},${blank.pid}`]);
		expect(once.stdout).toContain(`\\xff\\xfe${marker} 1000`);
		expect(once.stdout).not.toContain('\ufffd');
	});

	test('the UI shows them the same way', async () => {
		const screen = spawnProctop(['--pid', `${invalid.pid},${blank.pid}`], {columns: 140, rows: 20});
		screens.push(screen);
		const text = await screen.waitFor(text => text.includes(`\\xff\\xfe${marker}`) && text.includes(String(blank.pid)));
		expect(text).not.toContain('\ufffd');
		screen.write('q');
		await screen.exited;
	});
});
