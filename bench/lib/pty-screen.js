// Bench helper: a command in a pseudo-terminal with a headless xterm reading its screen.

import xterm from '@xterm/headless';
import pty from 'node-pty';

export function startInPty(file, args, {columns = 120, rows = 40, env = {}} = {}) {
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	const environment = {...process.env, TERM: 'xterm-256color', ...env};
	delete environment.CI;
	const child = pty.spawn(file, args, {cols: columns, rows, env: environment, name: 'xterm-256color'});
	child.onData(data => terminal.write(data));
	const text = async () => {
		await new Promise(resolve => terminal.write('', resolve));
		const buffer = terminal.buffer.active;
		const lines = [];
		for (let index = 0; index < rows; index++) lines.push(buffer.getLine(buffer.viewportY + index)?.translateToString(true) ?? '');
		return lines.join('\n');
	};
	return {child, text, write: keys => child.write(keys), exited: new Promise(resolve => child.onExit(resolve))};
}

/** Polls the screen every `everyMs` until `predicate` holds; resolves to ms since `start`. */
export async function timeUntil(screen, predicate, start, {everyMs = 2, timeoutMs = 15_000} = {}) {
	for (;;) {
		if (predicate(await screen.text())) return performance.now() - start;
		if (performance.now() - start > timeoutMs) throw new Error('screen never matched');
		await new Promise(resolve => setTimeout(resolve, everyMs));
	}
}

/** proctop's first full frame: the memory meter and at least five process rows. */
export const proctopReady = text => text.includes('Mem[') && (text.match(/^\s+\d+ \S+\s+\S+\s+\S+/gm) ?? []).length >= 5;
