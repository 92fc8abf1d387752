// Real-terminal tests: the built CLI in a pseudo-terminal, keys typed, the screen read back.
import {type ChildProcess, spawn} from 'node:child_process';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {cleanUpAfterAll} from '../helpers/cleanup.js';
import {spawnInPty, spawnProctop} from '../helpers/pty.js';
import {CLI} from '../helpers/run-cli.js';

const marker = `ptytest${process.pid}`;
const {groups: helpers, screens} = cleanUpAfterAll();

/** A parent node process with one child, both named by argv so a filter can find them. */
async function startTree(): Promise<ChildProcess> {
	const script = `const {spawn} = require('child_process'); spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '${marker}-child'], {stdio: 'ignore'}); setInterval(() => {}, 1000);`;
	// The script travels in the environment so the parent's command line stays short and findable.
	const parent = spawn(process.execPath, ['-e', 'eval(process.env.TREE_SCRIPT)', `${marker}-parent`], {
		stdio: 'ignore',
		detached: true,
		env: {...process.env, TREE_SCRIPT: script},
	});
	helpers.push(parent);
	await new Promise(resolve => setTimeout(resolve, 400));
	return parent;
}

describe.runIf(process.platform === 'linux')('proctop in a real terminal', () => {
	test('draws header and rows, filters, shows the tree, survives 20×5 and quits restoring the terminal', async () => {
		const parent = await startTree();
		const screen = spawnProctop([], {columns: 200, rows: 40});
		screens.push(screen);
		await screen.waitFor(text => text.includes('Mem[') && text.includes('PID USER') && /^\s+\d+ \S+/m.test(text));
		expect(screen.bufferType()).toBe('alternate');
		expect(screen.cursorHidden()).toBe(true);

		// Filter to the processes this test started: only they (and no other rows) remain.
		screen.write('\\');
		screen.write(marker);
		const filtered = await screen.waitFor(text => text.includes(`${marker}-child`) && text.includes(`${marker}-parent`) && text.includes(`Filter: ${marker}`));
		const rows = filtered.split('\n').filter(line => /^\s+\d+ /.test(line));
		expect(rows).toHaveLength(2);
		screen.write('\r');

		// Tree: the child sits indented under its parent.
		screen.write('t');
		const tree = await screen.waitFor(text => /└─ \S*node -e .*-child/.test(text));
		const lines = tree.split('\n');
		const parentLine = lines.findIndex(line => line.includes(`${marker}-parent`) && line.includes(String(parent.pid)));
		expect(parentLine).toBeGreaterThan(-1);
		expect(lines[parentLine + 1]).toMatch(new RegExp(`└─ \\S*node -e .*${marker}-child`));

		// Shrink to 20×5 and back: something sensible at each size, no stale lines.
		screen.resize(20, 5);
		const tiny = await screen.waitFor(text => text.split('\n').some(line => line.includes('PID')));
		for (const line of tiny.split('\n')) expect(line.length).toBeLessThanOrEqual(20);
		screen.resize(200, 40);
		const back = await screen.waitFor(text => text.includes('Mem[') && text.includes(`${marker}-parent`));
		expect(back.split('\n').filter(line => line.includes('PID USER'))).toHaveLength(1);

		screen.write('q');
		const {exitCode} = await screen.exited;
		expect(exitCode).toBe(0);
		expect(screen.bufferType()).toBe('normal');
		expect(screen.cursorHidden()).toBe(false);
	});

	test('the line discipline is back to what it was (stty -g before = after)', async () => {
		const tmp = join(tmpdir(), marker);
		// proctop runs in the foreground (it owns the terminal); a timer in the background stops it.
		const script = [
			`stty -g > ${tmp}.before`,
			`(sleep 2; kill -TERM $(cat ${tmp}.pid)) &`,
			`sh -c 'echo $$ > ${tmp}.pid; exec "$0" "$1"' "${process.execPath}" "${CLI}"`,
			'echo "exit=$?"',
			`stty -g > ${tmp}.after`,
			`cmp -s ${tmp}.before ${tmp}.after && echo SAME-STTY || echo DIFFERENT-STTY`,
			'sleep 1',
		].join('\n');
		const shell = spawnInPty('sh', ['-c', script], {columns: 100, rows: 30});
		screens.push(shell);
		const text = await shell.waitFor(screen => /SAME-STTY|DIFFERENT-STTY/.test(screen), 20_000);
		expect(text).toContain('SAME-STTY');
		expect(text).toMatch(/exit=143/);
	});
});
