// Bench helper: a command in a pseudo-terminal with a headless xterm reading its screen.

import xterm from '@xterm/headless';
import pty from 'node-pty';

/**
 * Variables that change what every Node start costs, so they are left out of the measured
 * programs' environment: NODE_EXTRA_CA_CERTS has Node read and parse a certificate bundle before
 * any script runs (~150 KB, 45–70 ms on the 2026-12-07 machine, where it was set for every
 * program), NODE_OPTIONS may load anything. Neither is proctop's to pay, nor usual on a desk.
 */
export const NODE_START_VARIABLES = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'];

/** One line naming the variables this machine sets that the measured programs run without (empty when none). */
export function leftOutNote() {
	const set = NODE_START_VARIABLES.filter(name => process.env[name] !== undefined);
	return set.length === 0 ? '' : `(run without ${set.join(' and ')}, which this machine sets: see bench/lib/pty-screen.js)`;
}

export function startInPty(file, args, {columns = 120, rows = 40, env = {}} = {}) {
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	const environment = {...process.env, TERM: 'xterm-256color'};
	delete environment.CI;
	for (const name of NODE_START_VARIABLES) delete environment[name];
	Object.assign(environment, env);
	const child = pty.spawn(file, args, {cols: columns, rows, env: environment, name: 'xterm-256color'});
	// Output counted and announced, so a probe can sleep until the program writes rather than spin.
	let writes = 0;
	let onWrite = () => {};
	child.onData(data => {
		terminal.write(data);
		writes++;
		onWrite();
	});
	const text = async () => {
		await new Promise(resolve => terminal.write('', resolve));
		const buffer = terminal.buffer.active;
		const lines = [];
		for (let index = 0; index < rows; index++) lines.push(buffer.getLine(buffer.viewportY + index)?.translateToString(true) ?? '');
		return lines.join('\n');
	};
	/**
	 * Resolves once the screen satisfies `predicate`, looking again only after the program has
	 * written: a probe that polled in a loop would take a core from the program it measures (this
	 * machine has two). Resolves to false after `timeoutMs` without a match.
	 */
	const waitFor = async (predicate, {timeoutMs = 10_000} = {}) => {
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			const seen = writes;
			if (predicate(await text())) return true;
			const left = deadline - performance.now();
			if (left <= 0) return false;
			// Output that arrived while the screen was read is looked at straight away.
			if (writes === seen) {
				await new Promise(resolve => {
					const timer = setTimeout(resolve, left);
					onWrite = () => {
						clearTimeout(timer);
						onWrite = () => {};
						resolve();
					};
				});
			}
		}
	};
	return {child, text, waitFor, write: keys => child.write(keys), exited: new Promise(resolve => child.onExit(resolve))};
}

/** Waits (screen.waitFor) until `predicate` holds; resolves to ms since `start`, or throws once `timeoutMs` since `start` have passed. */
export async function timeUntil(screen, predicate, start, {timeoutMs = 15_000} = {}) {
	if (!(await screen.waitFor(predicate, {timeoutMs: timeoutMs - (performance.now() - start)}))) throw new Error('screen never matched');
	return performance.now() - start;
}

/** proctop's first full frame: the memory meter and at least five process rows. */
export const proctopReady = text => text.includes('Mem[') && (text.match(/^\s+\d+ \S+\s+\S+\s+\S+/gm) ?? []).length >= 5;
