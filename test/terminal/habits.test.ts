// The built CLI in a real pseudo-terminal, for what only a terminal shows (#12): htop's F-keys,
// a full repaint after a resize, nothing written to a redirected stderr, a cancelled --pick
// failing as fzf's does, and terminals without colour or without any attributes.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {cleanUpAfterAll} from '../helpers/cleanup.js';
import {type Screen, spawnInPty, spawnProctop} from '../helpers/pty.js';
import {CLI} from '../helpers/run-cli.js';

const {screens, groups: helpers} = cleanUpAfterAll();
const folders: string[] = [];
afterAll(() => {
	for (const folder of folders) rmSync(folder, {recursive: true, force: true});
});
function folder(): string {
	const path = mkdtempSync(join(tmpdir(), 'proctop-habits-'));
	folders.push(path);
	return path;
}
function start(args: string[], options: Parameters<typeof spawnProctop>[1] = {}): Screen {
	const screen = spawnProctop(args, options);
	screens.push(screen);
	return screen;
}
/** proctop under sh, so its exit status is printed on the screen (`status=N`). */
function underShell(command: string, options: {columns?: number; rows?: number; env?: NodeJS.ProcessEnv} = {}): Screen {
	const screen = spawnInPty('sh', ['-c', `${command}; echo "status=$?"; sleep 2`], {columns: 120, rows: 30, ...options});
	screens.push(screen);
	return screen;
}

describe.runIf(process.platform === 'linux')('in a real terminal', () => {
	test('→ and ← scroll a long real command line, --columns chooses the columns, as htop users expect', async () => {
		const marker = `scroll${process.pid}`;
		const tail = `${marker}-END-OF-THE-LINE`;
		const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', `a${'a'.repeat(60)}`, `b${'b'.repeat(60)}`, tail], {stdio: 'ignore'});
		helpers.push(child);
		try {
			const screen = start(['--filter', marker, '--columns', 'pid,ppid,elapsed,command'], {columns: 80, rows: 20});
			const first = await screen.waitFor(text => text.includes(`${child.pid}`) && text.includes('node -e'));
			expect(first).toMatch(/PID\s+PPID\s+ELAPSED COMMAND/);
			expect(first).not.toContain('END-OF-THE-LINE');
			for (let press = 0; press < 20; press++) screen.write('\u001b[C');
			const scrolled = await screen.waitFor(text => text.includes('END-OF-THE-LINE'));
			expect(scrolled).toMatch(/COMMAND ←\d+/);
			expect(scrolled).not.toContain('node -e');
			for (let press = 0; press < 30; press++) screen.write('\u001b[D');
			const back = await screen.waitFor(text => text.includes('node -e') && !/COMMAND ←/.test(text));
			expect(back).not.toContain('END-OF-THE-LINE');
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			child.kill();
		}
	});

	test("details: e shows the environment and l the open files, as htop's e and l", async () => {
		const marker = `envmarker${process.pid}`;
		const child = spawn(process.execPath, ['-e', `require('fs').openSync(process.execPath, 'r'); setInterval(() => {}, 1000)`], {
			stdio: 'ignore',
			env: {PATH: process.env.PATH, PROCTOP_TEST_VARIABLE: marker},
		});
		helpers.push(child);
		try {
			await new Promise(resolve => setTimeout(resolve, 300));
			const screen = start(['--pid', String(child.pid)], {columns: 120, rows: 30});
			await screen.waitFor(text => text.includes(`${child.pid}`) && text.includes('node -e'));
			screen.write('\r');
			await screen.waitFor(text => text.includes('Command') && text.includes('e Environment'));
			screen.write('e');
			await screen.waitFor(text => text.includes(`PROCTOP_TEST_VARIABLE=${marker}`) && /environment: \d+/.test(text));
			screen.write('l');
			const files = await screen.waitFor(text => /open files: \d+/.test(text));
			expect(files).toMatch(new RegExp(`\\d+\\s+file\\s+${process.execPath.replaceAll('/', '\\/')}`));
			screen.write('\u001b');
			await screen.waitFor(text => text.includes('PID USER'));
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			child.kill();
		}
	});

	test('--theme light draws no yellow or cyan text (unreadable on white), mono no colour; a theme in the settings file is kept when the UI saves', async () => {
		const config = folder();
		const truecolor = {COLORTERM: 'truecolor', XDG_CONFIG_HOME: config};
		const raw = async (args: string[]) => {
			const screen = start(args, {columns: 120, rows: 30, env: truecolor});
			await screen.waitFor(text => text.includes('PID USER') && text.includes('Mem['));
			screen.write('q');
			await screen.exited;
			return screen.raw();
		};
		const dark = await raw([]);
		expect(dark).toContain('\u001b[36m'); // cyan labels
		const light = await raw(['--theme', 'light']);
		expect(light).toContain('\u001b[38;2;0;95;135m'); // the labels' dark teal
		expect(light).not.toMatch(/\u001b\[(33|36)m/);
		const mono = await raw(['--theme', 'mono']);
		expect(mono).not.toMatch(/\u001b\[(3[0-7]|38;[\d;]+|9[0-7])m/);
		expect(mono).toContain('\u001b[7m'); // inverse video still marks the selection and titles
		// Kept in the settings file: used without the flag, and still there after the UI saves a sort.
		const {mkdirSync, writeFileSync} = await import('node:fs');
		mkdirSync(join(config, 'proctop'), {recursive: true});
		writeFileSync(join(config, 'proctop', 'config.json'), '{"theme": "light"}');
		const fromFile = start([], {columns: 120, rows: 30, env: truecolor});
		await fromFile.waitFor(text => text.includes('PID USER'));
		expect(fromFile.raw()).toContain('\u001b[38;2;0;95;135m');
		fromFile.write('M');
		await fromFile.waitFor(text => text.includes('MEM%▼'));
		fromFile.write('q');
		await fromFile.exited;
		expect(JSON.parse(readFileSync(join(config, 'proctop', 'config.json'), 'utf8'))).toMatchObject({theme: 'light', sort: 'memory'});
	});

	test("htop's F-keys: F1 help, F3 search, F4 filter, F5 tree, F10 quit (xterm's and VT220's sequences)", async () => {
		const screen = start([]);
		await screen.waitFor(text => text.includes('PID USER'));
		screen.write('\u001bOP'); // F1, xterm
		await screen.waitFor(text => text.includes('proctop keys'));
		screen.write('\u001b[11~'); // F1 again (VT220 form) closes it
		await screen.waitFor(text => text.includes('PID USER'));
		screen.write('\u001bOR'); // F3
		await screen.waitFor(text => text.includes('Search: '));
		screen.write('\u001b'); // (a lone Esc, then F4: not one burst, as no hand types them)
		await screen.waitFor(text => !text.includes('Search: '));
		screen.write('\u001bOS'); // F4
		await screen.waitFor(text => text.includes('Filter: '));
		screen.write('\u001b');
		await screen.waitFor(text => !text.includes('Filter: '));
		screen.write('\u001b[15~'); // F5
		await screen.waitFor(text => text.includes('COMMAND (tree)'));
		screen.write('\u001b[12~'); // F2: nothing bound, and it says where the keys are
		await screen.waitFor(text => text.includes('F2 does nothing here; press h for the keys'));
		screen.write('\u001b[21~'); // F10
		expect((await screen.exited).exitCode).toBe(0);
	});

	test('a resize repaints everything: a short frame leaves no old meter block behind', async () => {
		const screen = start(['--pid', `1,${process.pid}`], {columns: 100, rows: 30});
		await screen.waitFor(text => text.includes('PID USER') && text.includes('Mem['));
		for (const [columns, rows] of [
			[120, 40],
			[80, 20],
			[140, 35],
		] as const) {
			screen.resize(columns, rows);
			const text = await screen.waitFor(text => {
				const lines = text.split('\n');
				return lines.length === rows && /CPU%▼/.test(lines[rows - 2] ?? '') && lines.filter(line => line.includes('Mem[')).length === 1;
			});
			expect(text.split('\n').filter(line => line.includes('PID USER'))).toHaveLength(1);
			expect(screen.lines()[0]).toMatch(/^0\[/);
		}
		screen.write('q');
		await screen.exited;
	});

	test('with stderr redirected to a file, nothing is written to it', async () => {
		const file = join(folder(), 'stderr.txt');
		const screen = underShell(`"${process.execPath}" "${CLI}" 2>"${file}"`);
		await screen.waitFor(text => text.includes('PID USER'));
		screen.write('q');
		await screen.waitFor(text => text.includes('status=0'));
		expect(readFileSync(file, 'utf8')).toBe('');
	});

	test('--pick cancelled: q exits 1 and Ctrl+C 130, with nothing on stdout (so `kill $(proctop --pick)` runs no bare kill)', async () => {
		const directory = folder();
		for (const [key, status] of [
			['q', 1],
			['\u0003', 130],
		] as const) {
			const output = join(directory, `picked-${status}.txt`);
			const screen = underShell(`"${process.execPath}" "${CLI}" --pick > "${output}"`);
			await screen.waitFor(text => text.includes('Enter Pick'));
			screen.write(key);
			await screen.waitFor(text => text.includes(`status=${status}`));
			expect(readFileSync(output, 'utf8')).toBe('');
		}
	});

	test('TERM=dumb: no attributes at all, so the selection is a visible >', async () => {
		// Without FORCE_COLOR (the test runner sets it): what a dumb terminal really gets.
		const screen = start(['--sort', 'pid'], {env: {TERM: 'dumb', FORCE_COLOR: undefined}});
		await screen.waitFor(text => /^>\s+1 /m.test(text));
		expect(screen.raw()).not.toMatch(/\u001b\[(?:\d+;)*(?:7|3\d|4\d)m/); // no inverse, no colour
		screen.write('q');
		await screen.exited;
	});

	test('TERM=xterm-mono: monochrome, the selection still in inverse video', async () => {
		const screen = start(['--sort', 'pid'], {env: {TERM: 'xterm-mono', FORCE_COLOR: undefined}});
		await screen.waitFor(text => text.includes('PID▲'));
		expect(screen.raw()).not.toMatch(/\u001b\[(?:\d+;)*(?:3[0-7]|4[0-7]|9[0-7]|38;5;\d+)m/);
		expect(screen.raw()).toContain('\u001b[7m');
		screen.write('q');
		await screen.exited;
	});
});
