// Runs the Ink app on the real terminal and owns the terminal's state: alternate screen, cursor
// and raw mode are restored on every exit path (q, Ctrl+C, SIGTERM, SIGHUP, SIGINT, an uncaught
// exception, an error during render); Ctrl+Z suspends cleanly and `fg` redraws the whole screen.

import React from 'react';
import {render, type Instance} from 'ink';
import type {Options} from '../types.js';
import type {Sampler} from '../sampling/sampler.js';
import type {SystemReader} from '../sampling/sources/system.js';
import {App} from './app.js';
import {createPlatformSignaller} from '../signals.js';
import {readDetails} from '../sampling/sources/details.js';

const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';
const HIDE_CURSOR = '\u001b[?25l';

export async function runInteractive(context: {options: Options; sampler: Sampler; system: SystemReader}): Promise<number> {
	const {stdout, stdin} = process;
	let instance: Instance | undefined;
	let restored = false;
	let notes: string[] = [];
	const signaller = createPlatformSignaller();

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
		stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
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
	const handlers: Array<[string, (...args: any[]) => void]> = [
		['SIGTERM', exitOnSignal('SIGTERM', 143)],
		['SIGHUP', exitOnSignal('SIGHUP', 129)],
		['SIGINT', exitOnSignal('SIGINT', 130)],
		['uncaughtException', onFatal],
		['unhandledRejection', onFatal],
		['exit', restore],
	];
	for (const [event, handler] of handlers) process.on(event, handler);

	// Ctrl+Z arrives as a key in raw mode: give the terminal back, stop, and redraw on SIGCONT.
	const suspend = () => {
		try {
			stdin.setRawMode(false);
		} catch {}
		stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
		process.once('SIGCONT', () => {
			stdout.write(ENTER_ALTERNATE_SCREEN + HIDE_CURSOR);
			try {
				stdin.setRawMode(true);
			} catch {}
			// Ink only writes what changed: forget the last frame so the whole screen is drawn.
			instance?.clear();
			stdout.emit('resize');
		});
		process.kill(process.pid, 'SIGTSTP');
	};

	try {
		// Sample before the first render so the first frame is already a full table. A fatal
		// sampling error (no /proc) surfaces here, before the terminal has been touched.
		const headerReading = context.system.read().catch(() => undefined);
		const snapshot = await context.sampler.sample();
		const initial = {snapshot, system: await Promise.race([headerReading, new Promise<undefined>(resolve => setImmediate(resolve, undefined))])};
		stdout.write(ENTER_ALTERNATE_SCREEN);
		instance = render(
			<App
				{...context}
				initial={initial}
				signaller={signaller}
				readDetails={process.platform === 'linux' ? pid => readDetails(pid) : undefined}
				onSuspend={suspend}
				onQuitNotes={lines => (notes = lines)}
			/>,
			{exitOnCtrlC: false, patchConsole: true, maxFps: 30},
		);
		await instance.waitUntilExit();
		restore();
		// After the main screen is back, so the reminder stays visible in the shell.
		if (notes.length > 0) process.stderr.write(`${notes.join('\n')}\n`);
		return 0;
	} catch (error) {
		restore();
		process.stderr.write(`proctop: ${error instanceof Error ? error.message : String(error)}\n`);
		return 1;
	} finally {
		for (const [event, handler] of handlers) process.off(event, handler);
	}
}
