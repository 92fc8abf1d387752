// History as a person meets it in a real terminal: a process exits, { steps back to when it ran,
// acting there is refused, Esc is live again, and x lists it among the exited.
import {spawn} from 'node:child_process';
import {describe, expect, test} from 'vitest';
import {cleanUpAfterAll} from '../helpers/cleanup.js';
import {spawnProctop} from '../helpers/pty.js';

const marker = `histtest${process.pid}`;
const {groups: helpers, screens} = cleanUpAfterAll();

describe.runIf(process.platform === 'linux')('history in a real terminal', () => {
	test('an exited process is visible again a few ticks back; k is refused there; Esc is live; x lists it', async () => {
		const doomed = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', marker], {stdio: 'ignore', detached: true});
		helpers.push(doomed);
		const screen = spawnProctop(['--interval', '0.3', '--filter', marker], {columns: 160, rows: 30});
		screens.push(screen);
		await screen.waitFor(text => text.includes(`${marker}`) && text.includes(String(doomed.pid)));
		doomed.kill('SIGKILL');
		// Two ticks without it: the list is empty of it.
		await screen.waitFor(text => !text.includes(String(doomed.pid)));
		// Step back one tick at a time until it is there again (a tick is 0.3 s: a few steps).
		let past = '';
		for (let step = 0; step < 12 && !past; step++) {
			screen.write('{');
			past = await screen.waitFor(text => text.includes('history ') && text.includes(String(doomed.pid)), 500).catch(() => '');
		}
		expect(past).toContain(String(doomed.pid));
		expect(past).toMatch(/history \d\d:\d\d:\d\d \(−[\d.]+ s\)/);
		screen.write('k');
		await screen.waitFor(text => /this is [\d.]+ s ago; go live to act \(Esc\)/.test(text));
		expect(screen.text()).not.toContain('Send signal');
		screen.write('\u001b');
		await screen.waitFor(text => !text.includes('history ') && !text.includes(String(doomed.pid)));
		screen.write('x');
		const exited = await screen.waitFor(text => text.includes('Exited while watched') && text.includes(String(doomed.pid)));
		expect(exited).toMatch(new RegExp(`\\d\\d:\\d\\d:\\d\\d +${doomed.pid} {2}node`));
		screen.write('q');
		screen.write('q');
		expect((await screen.exited).exitCode).toBe(0);
	});
});
