// Every exit path restores the terminal: alternate screen left, cursor shown, line discipline
// as before (stty -g), the error (if any) printed after the restore, a non-zero status for faults.
import {mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {build} from 'esbuild';
import {beforeAll, describe, expect, test} from 'vitest';
import {bundlePlugins} from '../../scripts/bundle-plugins.js';
import {ENTER_ALTERNATE_SCREEN as ENTER_ALTERNATE} from '../../source/ui/terminal-codes.js';
import {type Screen, spawnInPty, spawnProctop} from '../helpers/pty.js';
import {CLI} from '../helpers/run-cli.js';

const root = join(import.meta.dirname, '..', '..');
const FAULTY = join(root, 'node_modules', '.cache', 'proctop-test', 'faulty-cli.js');
const marker = `exits${process.pid}`;

beforeAll(async () => {
	mkdirSync(join(FAULTY, '..'), {recursive: true});
	await build({
		entryPoints: [join(root, 'test/helpers/faulty-cli.tsx')],
		outfile: FAULTY,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		define: {'process.env.NODE_ENV': '"production"'},
		logLevel: 'error',
		banner: {js: "import {createRequire as r} from 'node:module';const require=r(import.meta.url);"},
		// The shipped bundle's plugins, the Ink patches among them: the same Ink users run.
		plugins: bundlePlugins(),
	});
});

/**
 * Runs `command` under sh in a pty between two `stty -g` snapshots; `during` acts on the screen
 * while it runs. Resolves with the final screen text, its status and the pty's view of things.
 */
async function underShell(command: string, during: (screen: ReturnType<typeof spawnInPty>) => Promise<void>, id: string) {
	const tmp = join(tmpdir(), `${marker}-${id}`);
	const script = [
		`stty -g > ${tmp}.before`,
		`${command}`,
		'echo "status=$?"',
		`stty -g > ${tmp}.after`,
		`cmp -s ${tmp}.before ${tmp}.after && echo SAME-STTY || echo DIFFERENT-STTY`,
		'sleep 2',
	].join('\n');
	const screen = spawnInPty('sh', ['-c', script], {columns: 120, rows: 30});
	await screen.waitFor(text => text.includes('PID USER'));
	await during(screen);
	const text = await screen.waitFor(text => /SAME-STTY|DIFFERENT-STTY/.test(text), 15_000);
	return {text, screen};
}

const proctop = `"${process.execPath}" "${CLI}"`;
const restored = (result: {text: string; screen: ReturnType<typeof spawnInPty>}) => {
	expect(result.text).toContain('SAME-STTY');
	expect(result.screen.bufferType()).toBe('normal');
	expect(result.screen.cursorHidden()).toBe(false);
	// Never a clear-scrollback: it would wipe the user's terminal history.
	expect(result.screen.raw()).not.toContain('\u001b[3J');
};

/**
 * Quits proctop run from `shell`, and waits for bash's own prompt after it: only then has proctop
 * exited. The earlier prompt still on the normal screen matches as soon as the terminal is
 * restored, and an `exit` typed then could be read by proctop on its way out, leaving bash running.
 */
async function quitToShell(shell: Screen, keys: string) {
	const before = shell.raw().length;
	shell.write(keys);
	await shell.waitFor(() => shell.raw().slice(before).includes('PROMPT$') && shell.bufferType() === 'normal');
}

describe.runIf(process.platform === 'linux')('exit paths restore the terminal', () => {
	test.each([
		['q', 'q', 0],
		['Ctrl+C', '\u0003', 0],
		['Ctrl+D', '\u0004', 0],
	])('%s', async (_label, keys, status) => {
		const result = await underShell(proctop, async screen => screen.write(keys), `key${status}${keys.charCodeAt(0)}`);
		expect(result.text).toContain(`status=${status}`);
		restored(result);
	});

	test.each([
		['SIGTERM', 143],
		['SIGHUP', 129],
		['SIGINT', 130],
	])('%s from outside', async (signal, status) => {
		const tmp = join(tmpdir(), `${marker}-${signal}.pid`);
		const result = await underShell(
			`sh -c 'echo $$ > ${tmp}; exec "$0" "$1"' "${process.execPath}" "${CLI}"`,
			async () => {
				const {readFileSync} = await import('node:fs');
				process.kill(Number(readFileSync(tmp, 'utf8')), signal as NodeJS.Signals);
			},
			signal,
		);
		expect(result.text).toContain(`status=${status}`);
		restored(result);
	});

	// The first frame is painted before Ink loads (ui/first-frame.ts): the terminal is already in
	// raw mode on the alternate screen then, so that window needs its own exit paths.
	test.each([
		['SIGTERM', 143],
		['SIGHUP', 129],
		['SIGINT', 130],
	])('%s while the UI is still loading, after the first frame', async (signal, status) => {
		const tmp = join(tmpdir(), `${marker}-loading-${signal}.pid`);
		const result = await underShell(
			`sh -c 'echo $$ > ${tmp}; exec "$0" "$1" slow-ui-load' "${process.execPath}" "${FAULTY}"`,
			async screen => {
				const {readFileSync} = await import('node:fs');
				// Painted, and Ink (which would write a synchronized update, ESC[?2026h) not yet there.
				expect(screen.raw()).not.toContain('\u001b[?2026h');
				process.kill(Number(readFileSync(tmp, 'utf8')), signal as NodeJS.Signals);
			},
			`loading-${signal}`,
		);
		expect(result.text).toContain(`status=${status}`);
		restored(result);
	});

	test('a key typed while the UI is still loading is not echoed over the frame, and is acted on once it has', async () => {
		const screen = spawnInPty(process.execPath, [FAULTY, 'slow-ui-load'], {columns: 120, rows: 30});
		await screen.waitFor(text => text.includes('PID USER'));
		screen.write('q');
		await new Promise(resolve => setTimeout(resolve, 300));
		expect(screen.raw()).not.toContain('\u001b[?2026h');
		expect(screen.raw()).not.toMatch(/\u001b\[Hq|q$/);
		expect((await screen.exited).exitCode).toBe(0);
		expect(screen.bufferType()).toBe('normal');
	});

	test('an uncaught exception: terminal restored, the error printed after, status 1', async () => {
		const result = await underShell(`"${process.execPath}" "${FAULTY}" throw-in-timer`, async () => {}, 'uncaught');
		expect(result.text).toContain('status=1');
		expect(result.text).toContain('proctop: Error: injected uncaught fault');
		restored(result);
	});

	test('an error while rendering: terminal restored, the error printed after, status 1', async () => {
		const result = await underShell(`"${process.execPath}" "${FAULTY}" throw-in-render`, async () => {}, 'render');
		expect(result.text).toContain('status=1');
		expect(result.text).toContain('injected render fault');
		restored(result);
	});

	test('a dependency writing to the console during rendering: frame intact, the lines printed after exit', async () => {
		const screen = spawnInPty(process.execPath, [FAULTY, 'console-noise'], {columns: 120, rows: 30});
		await screen.waitFor(text => text.includes('PID USER'));
		await new Promise(resolve => setTimeout(resolve, 1200)); // several refreshes, each noisy
		const lines = screen.lines();
		expect(lines.filter(line => line.includes('PID USER'))).toHaveLength(1);
		expect(lines[0]).toMatch(/^0\[/);
		expect(lines.at(-2)).toMatch(/CPU%▼/);
		expect(screen.text()).not.toContain('noise from a dependency');
		screen.write('q');
		expect((await screen.exited).exitCode).toBe(0);
		// Nothing lost: once the terminal is back, what was held is printed.
		expect(screen.text()).toContain('noise from a dependency on stdout');
		expect(screen.text()).toContain('noise from a dependency on stderr');
	});

	test('/proc missing: one clear fatal line, terminal untouched, status 1', async () => {
		const screen = spawnProctop([], {columns: 120, rows: 20, env: {PROCTOP_PROC_ROOT: '/nonexistent-proc'}});
		const {exitCode} = await screen.exited;
		expect(exitCode).toBe(1);
		expect(screen.text()).toContain('proctop: cannot read the process table: /nonexistent-proc is not available (ENOENT); is procfs mounted?');
		expect(screen.bufferType()).toBe('normal');
		expect(screen.cursorHidden()).toBe(false);
	});

	test('Ctrl+Z suspends to the shell (which works meanwhile) and fg redraws the whole screen, nothing painted on the shell', async () => {
		const shell = spawnInPty('bash', ['--norc', '--noprofile', '-i'], {columns: 120, rows: 30, env: {PS1: 'PROMPT$ '}});
		await shell.waitFor(text => text.includes('PROMPT$'));
		// A refresh every 0.1 s and a stop of 1.5 s: refreshes fall due while stopped, and on fg
		// they must wait until the alternate screen is back rather than paint on the shell's.
		shell.write(`${proctop} -d 1\r`);
		await shell.waitFor(text => text.includes('PID USER') && text.includes('Mem['));
		shell.write('\u001a');
		await shell.waitFor(text => /Stopped/.test(text) && shell.bufferType() === 'normal');
		expect(shell.cursorHidden()).toBe(false);
		shell.write('echo shell-works-$((6*7))\r');
		await shell.waitFor(text => text.includes('shell-works-42'));
		await new Promise(resolve => setTimeout(resolve, 1500));
		const stoppedAt = shell.raw().length;
		shell.write('fg\r');
		const back = await shell.waitFor(text => text.includes('PID USER') && text.includes('Mem[') && text.includes('Load average'));
		expect(shell.bufferType()).toBe('alternate');
		expect(back.split('\n').filter(line => line.includes('PID USER'))).toHaveLength(1);
		const onTheShell = shell.raw().slice(stoppedAt).split(ENTER_ALTERNATE)[0];
		expect(onTheShell).toContain('fg');
		expect(onTheShell).not.toContain('PID USER');
		await quitToShell(shell, 'q');
		shell.write('exit\r');
		await shell.exited;
	});

	test('Ctrl+Z, then bg: it stops again before writing a byte to the shell; fg brings the whole screen back', async () => {
		const shell = spawnInPty('bash', ['--norc', '--noprofile', '-i'], {columns: 120, rows: 30, env: {PS1: 'PROMPT$ '}});
		await shell.waitFor(text => text.includes('PROMPT$'));
		shell.write(`${proctop}\r`);
		await shell.waitFor(text => text.includes('PID USER') && text.includes('Mem['));
		shell.write('\u001a');
		await shell.waitFor(text => /Stopped/.test(text) && shell.bufferType() === 'normal');
		const stoppedAt = shell.raw().length;
		shell.write('bg\r');
		// Continued in the background, it takes raw mode first: the kernel stops it there (SIGTTOU),
		// as `jobs` shows (bash reports a job's change only at a prompt).
		await shell.waitFor(() => shell.raw().slice(stoppedAt).includes('&'));
		await new Promise(resolve => setTimeout(resolve, 500));
		shell.write('jobs\r');
		await shell.waitFor(() => /Stopped/.test(shell.raw().slice(stoppedAt)));
		expect(shell.raw().slice(stoppedAt)).not.toContain(ENTER_ALTERNATE);
		expect(shell.bufferType()).toBe('normal');
		shell.write('fg\r');
		await shell.waitFor(text => text.includes('PID USER') && text.includes('Load average') && shell.bufferType() === 'alternate');
		await quitToShell(shell, 'q');
		shell.write('exit\r');
		await shell.exited;
	});

	// --mouse: reporting switched on once the UI runs, and off again on every way out, so the
	// shell never receives clicks as escape sequences.
	const MOUSE_ON = '\u001b[?1000h\u001b[?1006h';
	const MOUSE_OFF = '\u001b[?1000l\u001b[?1006l';
	const mouseOffAtEnd = (raw: string) => {
		expect(raw).toContain(MOUSE_ON);
		expect(raw.lastIndexOf(MOUSE_OFF)).toBeGreaterThan(raw.lastIndexOf(MOUSE_ON));
	};

	test.each([
		['q', 'q', 0],
		['Ctrl+C', '\u0003', 0],
	])('--mouse, %s: reporting off before the shell is back', async (_label, keys, status) => {
		const result = await underShell(
			`${proctop} --mouse`,
			async screen => {
				await screen.waitFor(() => screen.raw().includes(MOUSE_ON));
				screen.write(keys);
			},
			`mouse-key${status}${keys.charCodeAt(0)}`,
		);
		expect(result.text).toContain(`status=${status}`);
		restored(result);
		mouseOffAtEnd(result.screen.raw());
	});

	test.each([
		['SIGTERM', 143],
		['SIGHUP', 129],
	])('--mouse, %s from outside: reporting off', async (signal, status) => {
		const tmp = join(tmpdir(), `${marker}-mouse-${signal}.pid`);
		const result = await underShell(
			`sh -c 'echo $$ > ${tmp}; exec "$0" "$1" --mouse' "${process.execPath}" "${CLI}"`,
			async screen => {
				const {readFileSync} = await import('node:fs');
				await screen.waitFor(() => screen.raw().includes(MOUSE_ON));
				process.kill(Number(readFileSync(tmp, 'utf8')), signal as NodeJS.Signals);
			},
			`mouse-${signal}`,
		);
		expect(result.text).toContain(`status=${status}`);
		restored(result);
		mouseOffAtEnd(result.screen.raw());
	});

	test('--mouse, an uncaught exception: reporting off, the error printed after, status 1', async () => {
		const result = await underShell(`"${process.execPath}" "${FAULTY}" throw-in-timer --mouse`, async () => {}, 'mouse-uncaught');
		expect(result.text).toContain('status=1');
		expect(result.text).toContain('proctop: Error: injected uncaught fault');
		restored(result);
		mouseOffAtEnd(result.screen.raw());
	});

	test('--mouse, Ctrl+Z: reporting off while stopped, on again after fg; a click there selects the row', async () => {
		const shell = spawnInPty('bash', ['--norc', '--noprofile', '-i'], {columns: 120, rows: 30, env: {PS1: 'PROMPT$ '}});
		await shell.waitFor(text => text.includes('PROMPT$'));
		shell.write(`${proctop} --mouse --sort pid\r`);
		await shell.waitFor(text => /PID▲ USER/.test(text) && shell.raw().includes(MOUSE_ON));
		shell.write('\u001a');
		await shell.waitFor(text => /Stopped/.test(text) && shell.bufferType() === 'normal');
		expect(shell.raw().lastIndexOf(MOUSE_OFF)).toBeGreaterThan(shell.raw().lastIndexOf(MOUSE_ON));
		const stoppedAt = shell.raw().length;
		shell.write('fg\r');
		await shell.waitFor(text => /PID▲ USER/.test(text) && shell.raw().slice(stoppedAt).includes(MOUSE_ON));
		// A real report through the pty: a click on the third row selects it (pids sorted).
		const lines = shell.lines();
		const title = lines.findIndex(line => /PID▲ USER/.test(line));
		const third = lines[title + 3]!.trim().split(/\s+/)[0];
		shell.write(`\u001b[<0;20;${title + 4}M\u001b[<0;20;${title + 4}m`);
		shell.write('\r');
		await shell.waitFor(text => new RegExp(`Parents\\s+${third} `).test(text));
		await quitToShell(shell, 'qq');
		mouseOffAtEnd(shell.raw());
		shell.write('exit\r');
		await shell.exited;
	});
});
