// Test edge: runs a command in a real pseudo-terminal (node-pty) and feeds its output to a
// headless xterm, so tests can type keys and read the screen as a person would.

import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';
import {CLI} from './run-cli.js';

const {Terminal} = xterm;

export type Screen = {
	/** Lines of the visible screen, right-trimmed. */
	lines(): string[];
	text(): string;
	/** Which buffer is shown: the alternate screen while a full-screen app runs. */
	bufferType(): 'normal' | 'alternate';
	/** Whether the last cursor-visibility sequence hid the cursor. */
	cursorHidden(): boolean;
	/** Everything the program wrote, raw. */
	raw(): string;
	/** Window titles the program set (OSC 0/2), in order. */
	titles(): string[];
	write(keys: string): void;
	resize(columns: number, rows: number): void;
	waitFor(predicate: (text: string) => boolean, timeoutMs?: number): Promise<string>;
	exited: Promise<{exitCode: number; signal?: number}>;
	pid: number;
	kill(signal?: string): void;
};

export function spawnInPty(file: string, args: string[], options: {columns?: number; rows?: number; env?: NodeJS.ProcessEnv} = {}): Screen {
	const columns = options.columns ?? 120;
	const rows = options.rows ?? 40;
	const terminal = new Terminal({cols: columns, rows, allowProposedApi: true});
	// Each run gets its own settings directory: what one test changes never leaks into the next
	// (or into the developer's own ~/.config/proctop).
	const env = {...process.env, TERM: 'xterm-256color', XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'proctop-config-')), ...options.env} as Record<
		string,
		string
	>;
	delete env.CI; // Ink renders differently (once, at exit) when it thinks it runs in CI
	// A test removes a variable by passing it as undefined (FORCE_COLOR, to see a terminal's own colours).
	for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
	// node-pty sets TERM from `name`: pass the TERM a test asked for (dumb, xterm-mono) there too.
	const child = pty.spawn(file, args, {name: env.TERM ?? 'xterm-256color', cols: columns, rows, cwd: process.cwd(), env});
	let raw = '';
	let hidden = false;
	const titles: string[] = [];
	terminal.onTitleChange(title => titles.push(title));
	child.onData(data => {
		raw += data;
		const show = data.lastIndexOf('\u001b[?25h');
		const hide = data.lastIndexOf('\u001b[?25l');
		if (show !== -1 || hide !== -1) hidden = hide > show;
		terminal.write(data);
	});
	const exited = new Promise<{exitCode: number; signal?: number}>(resolve => child.onExit(resolve));
	const lines = () => {
		const buffer = terminal.buffer.active;
		const result: string[] = [];
		// Only the cells within the width: after a terminal narrows, xterm keeps the cells past the
		// edge in its buffer (for a later widening), where no one can see them.
		for (let index = 0; index < terminal.rows; index++) result.push(buffer.getLine(buffer.viewportY + index)?.translateToString(true, 0, terminal.cols) ?? '');
		return result;
	};
	const screen: Screen = {
		lines,
		text: () => lines().join('\n'),
		bufferType: () => terminal.buffer.active.type,
		cursorHidden: () => hidden,
		raw: () => raw,
		titles: () => [...titles],
		write: keys => child.write(keys),
		resize(newColumns, newRows) {
			child.resize(newColumns, newRows);
			terminal.resize(newColumns, newRows);
		},
		async waitFor(predicate, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				// Let xterm finish parsing what arrived before looking.
				await new Promise<void>(resolve => terminal.write('', resolve));
				const text = screen.text();
				if (predicate(text)) return text;
				if (Date.now() > deadline) throw new Error(`screen never matched; it shows:\n${text}`);
				await new Promise(resolve => setTimeout(resolve, 50));
			}
		},
		exited,
		pid: child.pid,
		kill: signal => child.kill(signal),
	};
	return screen;
}

/** The built proctop in a pseudo-terminal. */
export function spawnProctop(args: string[] = [], options: {columns?: number; rows?: number; env?: NodeJS.ProcessEnv} = {}): Screen {
	return spawnInPty(process.execPath, [CLI, ...args], options);
}
