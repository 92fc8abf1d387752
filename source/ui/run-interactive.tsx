// Runs the Ink app on the real terminal and owns the terminal's state: alternate screen, cursor,
// raw mode and mouse reporting (--mouse) are restored on every exit path (q, Ctrl+C, SIGTERM, SIGHUP, SIGINT, an uncaught
// exception, an error during render); Ctrl+Z suspends cleanly and `fg` redraws the whole screen.

import {openSync} from 'node:fs';
import {WriteStream} from 'node:tty';
import {inspect} from 'node:util';
import {type Instance, render} from 'ink';
import type {Settings} from '../config.js';
import type {Platform} from '../platform/platform.js';
import type {Sampler} from '../sampling/sampler.js';
import {sanitize} from '../sanitize.js';
import type {HistoryView, Options} from '../types.js';
import {App} from './app.js';
import {type FirstFrame, wantsAsciiGraphs, wantsMarkers} from './first-frame.js';
import {suspendToShell} from './suspend.js';
import {ENTER_ALTERNATE_SCREEN, HIDE_CURSOR, LEAVE_ALTERNATE_SCREEN, MOUSE_OFF, MOUSE_ON, SHOW_CURSOR} from './terminal-codes.js';

export type InteractiveContext = {
	options: Options;
	/** Remembered sort direction. */
	inverted?: boolean;
	/** Remembered: kernel threads shown. */
	showKernelThreads?: boolean;
	sampler: Sampler;
	/** The OS: meters, details, signals and renice all go through it. */
	platform: Platform;
	startupMessage?: string;
	saveSettings?: (settings: Settings) => string | undefined;
	/** Past ticks, fed by the sampler ({ and } step through them); absent with --history 0. */
	history?: HistoryView;
	historyWindowLabel?: string;
	/** `--replay FILE`: the history is this recording (shown from its start, read-only). */
	replay?: string;
	/** The first sample, and the first frame when it is already on the terminal (ui/first-frame.ts). */
	first: FirstFrame;
};

/**
 * Where the UI draws: stdout when it is the terminal; with --pick and a piped stdout, the
 * controlling terminal itself (/dev/tty), keeping stdout clean for the pids.
 */
function terminalOutput(): NodeJS.WriteStream | undefined {
	if (process.stdout.isTTY) return process.stdout;
	try {
		return new WriteStream(openSync('/dev/tty', 'w'));
	} catch {
		return undefined;
	}
}

/**
 * While the UI owns the screen, console output from dependencies is held back and printed after
 * the terminal is restored: nothing is lost and nothing lands in the middle of a frame. (Ink's own
 * patchConsole prints such lines above the frame, which scrolls the alternate screen.)
 */
function holdConsole(): {release(): string[]} {
	const held: string[] = [];
	const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
	const originals = methods.map(method => console[method]);
	for (const method of methods) {
		console[method] = (...args: unknown[]) => {
			if (held.length < 1000) held.push(args.map(arg => (typeof arg === 'string' ? arg : inspect(arg))).join(' '));
		};
	}
	return {
		release() {
			methods.forEach((method, index) => {
				console[method] = originals[index]!;
			});
			return held;
		},
	};
}

export async function runInteractive(context: InteractiveContext): Promise<number> {
	const {stdin} = process;
	const stdout = terminalOutput();
	if (!stdout) {
		process.stderr.write('proctop: --pick needs a terminal to draw on, and /dev/tty cannot be opened\n');
		return 1;
	}
	let picked: number[] = [];
	let quitReason = 'quit' as 'quit' | 'interrupt';
	let instance: Instance | undefined;
	let restored = false;
	let notes: string[] = [];

	const consoleHold = holdConsole();
	// Mouse reports left on would turn every click in the shell into escape sequences: off first, always.
	const mouse = context.options.mouse === true;
	const mouseOn = mouse ? MOUSE_ON : '';
	const mouseOff = mouse ? MOUSE_OFF : '';
	/** Puts the terminal back as we found it; safe to call more than once. */
	const restore = () => {
		if (restored) return;
		restored = true;
		try {
			instance?.unmount();
		} catch {}
		try {
			if (stdin.isTTY) stdin.setRawMode(false);
		} catch {}
		stdout.write(mouseOff + SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
		const held = consoleHold.release();
		if (held.length > 0) process.stderr.write(`${held.map(line => sanitize(line)).join('\n')}\n`);
	};

	const exitOnSignal = (_signal: NodeJS.Signals, code: number) => () => {
		restore();
		process.exit(code);
	};
	const onFatal = (error: unknown) => {
		restore();
		process.stderr.write(`proctop: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	};
	const handlers: Array<[string, (...args: unknown[]) => void]> = [
		['SIGTERM', exitOnSignal('SIGTERM', 143)],
		['SIGHUP', exitOnSignal('SIGHUP', 129)],
		['SIGINT', exitOnSignal('SIGINT', 130)],
		['uncaughtException', onFatal],
		['unhandledRejection', onFatal],
		['exit', restore],
	];
	for (const [event, handler] of handlers) process.on(event, handler);

	// Ctrl+Z arrives as a key in raw mode: give the terminal back, stop, and redraw once continued.
	const suspend = () =>
		suspendToShell({
			stdin,
			stdout,
			leave: mouseOff + SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN,
			enter: ENTER_ALTERNATE_SCREEN + HIDE_CURSOR + mouseOn,
			redraw() {
				// Ink only writes what changed: forget the last frame so the whole screen is drawn.
				instance?.clear();
				stdout.emit('resize');
			},
		});

	const {first} = context;
	// The runner's exit paths are in place: the first frame's own can go.
	first.painted?.release();
	try {
		// Already there when the first frame was painted: entering again would clear it.
		if (!first.painted) stdout.write(ENTER_ALTERNATE_SCREEN);
		stdout.write(mouseOn);
		// maxFps 60, not Ink's 30: Ink holds a frame until its throttle window since the last frame
		// ends, so a key pressed just after a refresh waited up to 33 ms (measured: 95th percentile
		// 38 ms, max 60 ms while typing); at 60 the window is 17 ms (95th 16 ms, max 20–34 ms). Idle
		// cost is unchanged: a refresh is still one frame.
		const {inverted, showKernelThreads, startupMessage, saveSettings, first: _first, ...appContext} = context;
		instance = render(
			<App
				{...appContext}
				startupMessage={startupMessage}
				saveSettings={saveSettings}
				initialInverted={inverted}
				initialShowKernelThreads={showKernelThreads}
				markers={wantsMarkers()}
				asciiGraphs={wantsAsciiGraphs()}
				onPick={pids => (picked = pids)}
				copyToClipboard={text => stdout.write(`\u001b]52;c;${Buffer.from(text).toString('base64')}\u0007`)}
				initial={first.initial}
				onSuspend={suspend}
				onQuitNotes={lines => (notes = lines)}
				onQuit={reason => (quitReason = reason)}
			/>,
			{stdout, stdin, exitOnCtrlC: false, patchConsole: false, maxFps: 60},
		);
		await instance.waitUntilExit();
		restore();
		if (picked.length > 0) process.stdout.write(`${picked.join('\n')}\n`);
		// After the main screen is back, so the reminder stays visible in the shell.
		if (notes.length > 0) process.stderr.write(`${notes.join('\n')}\n`);
		// A cancelled pick fails, as fzf's does: `kill $(proctop --pick)` must not run a bare kill.
		if (context.options.pick && picked.length === 0) return quitReason === 'interrupt' ? 130 : 1;
		return 0;
	} catch (error) {
		restore();
		process.stderr.write(`proctop: ${error instanceof Error ? error.message : String(error)}\n`);
		return 1;
	} finally {
		for (const [event, handler] of handlers) process.off(event, handler);
	}
}
