// A hostile local process: its name and command line carry escape sequences, controls, bidi
// overrides, wide text and 300 KB of arguments. In a real terminal (and in --once/--json) they
// show escaped, on one line, width-correct, and change nothing about the terminal.
import {type ChildProcess, spawn} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {spawnProctop} from '../helpers/pty.js';
import {runCli} from '../helpers/run-cli.js';

const marker = `hostile${process.pid}`;
const ESC = '\u001b';
const HOSTILE_ARGS = [
	`${ESC}]52;c;cHduZWQ=\u0007`, // OSC 52: write the clipboard
	`${ESC}]0;pwned-title\u0007`, // OSC 0: set the window title
	`${ESC}]8;;http://evil.example/${ESC}\\link${ESC}]8;;${ESC}\\`, // OSC 8 hyperlink
	`${ESC}[2J`, // clear screen
	`${ESC}[5A`, // cursor up
	'\u009b31m', // C1 CSI
	'cr\rlf\ntab\tbs\bdel\u007fbel\u0007',
	'abc\u202Efdp.exe', // bidi override
	'zero\u200Bwidth\u2066isolate\u2069',
	'日本語のプロセス👨‍👩‍👧‍👦🇫🇷é',
	marker,
	...Array.from({length: 3000}, (_, index) => `filler-argument-${String(index).padStart(4, '0')}-${'x'.repeat(80)}`),
];
// Nothing in what the terminal finally shows may be a control, C1 or bidi/invisible character.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u; // (a ZWJ inside an emoji is text)
/** The unsafe characters in `text`, as code points (short enough to read in a failure). */
const unsafeIn = (text: string) => [...text.matchAll(new RegExp(UNSAFE.source, 'gu'))].map(match => match[0].codePointAt(0)!.toString(16));

let hostile: ChildProcess;
beforeAll(async () => {
	// comm itself is set to an escape-laden name, as prctl(PR_SET_NAME) would.
	// The script travels in the environment so the hostile arguments come first on the command line.
	hostile = spawn(process.execPath, ['-e', 'eval(process.env.S)', ...HOSTILE_ARGS], {
		stdio: 'ignore',
		env: {...process.env, S: "require('fs').writeFileSync('/proc/self/comm', 'a) b\\u001b[31mX'); setInterval(() => {}, 1000)"},
	});
	await new Promise(resolve => setTimeout(resolve, 400));
});
const screens: Array<ReturnType<typeof spawnProctop>> = [];
afterAll(() => {
	hostile.kill('SIGKILL');
	for (const screen of screens) screen.kill('SIGKILL');
});

describe.runIf(process.platform === 'linux')('a hostile process', () => {
	test('in the terminal: escaped on one line, no title, clipboard, clear or cursor move', async () => {
		const screen = spawnProctop([], {columns: 200, rows: 30});
		screens.push(screen);
		await screen.waitFor(text => text.includes('PID USER'));
		screen.write('\\');
		screen.write(marker);
		screen.write('\r');
		const text = await screen.waitFor(text => text.includes('\\e]52;c;cHduZWQ=\\x07') && !text.includes('Filter:'));
		const lines = screen.lines();
		const row = lines.findIndex(line => line.includes(`${hostile.pid} `));
		expect(row).toBeGreaterThan(-1);
		// Its own line: the next line is the (empty) rest of the table or the status bar, not a fragment.
		expect(lines[row + 1] ?? '').not.toMatch(/\\e\[2J|filler/);
		expect(lines[row]).toContain('\\e]52;c;cHduZWQ=\\x07 \\e]0;pwned-title\\x07 \\e]8;;http');
		expect(lines[row]!.length).toBeLessThanOrEqual(200);
		// Columns line up with the titles: CPU% ends where the title's CPU% ends.
		const title = lines.find(line => line.includes('PID USER'))!;
		expect(lines[row]!.slice(0, title.indexOf('THR') + 4)).toMatch(/^\s+\d+ root\s+\d+\s+-?\d+\s+\S+\s+\S+ [A-Z]\s+\S+\s+\S+\s+\S+\s+\d+ $/);
		// Its APP cell is escaped too, and stays inside its column.
		expect(lines[row]!.slice(title.indexOf('APP'), title.indexOf('COMMAND'))).toMatch(/^node -e\s+$/);
		expect(unsafeIn(text)).toEqual([]);
		// Nothing reached the terminal as a command.
		expect(screen.titles()).toEqual([]);
		expect(screen.raw()).not.toContain(`${ESC}]52`);
		expect(screen.raw()).not.toContain(`${ESC}]8;`);
		expect(screen.raw()).not.toContain(`${ESC}[2J`);
		expect(screen.raw()).not.toContain(`${ESC}[5A`);
		expect(screen.raw()).not.toContain('\u009b');
		expect(screen.raw()).not.toContain('\u202e');
		// The header is still at the top: nothing cleared or moved the screen.
		expect(lines[0]).toMatch(/^0\[/);
		// Details fold the command line to a few lines; w shows all of it, wrapped and escaped
		// (at 160 columns, where the marker below falls inside one wrapped line).
		screen.resize(160, 30);
		await screen.waitFor(text => text.split('\n').every(line => line.length <= 160) && text.includes('PID USER'));
		screen.write('\r');
		const folded = await screen.waitFor(screen => screen.includes('Command'));
		expect(folded).toMatch(/… \d+ more lines \(w: the whole command line\)/);
		expect(folded).toContain('Listening'); // the fields after the command stay on screen
		screen.write('w');
		const details = await screen.waitFor(screen => !screen.includes('more lines (w:'));
		expect(details.includes('\\u{202e}fdp.exe')).toBe(true);
		expect(unsafeIn(details)).toEqual([]);
		screen.write('q'); // back to the list
		await screen.waitFor(text => text.includes('PID USER'));
		screen.write('q');
		await screen.exited;
	});

	test('in --once and --json: the same escapes, no raw control characters', async () => {
		const once = await runCli(['--once', '--interval', '0.1', '--filter', marker]);
		// (booleans, not the strings: a failure must not print 300 KB)
		expect(once.stdout.includes('\\e]52;c;cHduZWQ=\\x07 \\e]0;pwned-title\\x07')).toBe(true);
		expect(once.stdout.trimEnd().split('\n')).toHaveLength(2);
		expect(unsafeIn(once.stdout.replaceAll('\n', ''))).toEqual([]);
		const json = await runCli(['--json', '--interval', '0.1', '--filter', marker]);
		const document = JSON.parse(json.stdout);
		const process = document.processes.find((entry: {pid: number}) => entry.pid === hostile.pid);
		expect(process.name).toBe('a) b\\e[31mX');
		expect(process.command.includes('abc\\u{202e}fdp.exe')).toBe(true);
		expect(process.command.length).toBeGreaterThan(250_000);
		expect(unsafeIn(json.stdout.replaceAll('\n', ''))).toEqual([]);
	});
});
