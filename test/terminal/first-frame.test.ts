// The first frame is painted before Ink loads (ui/first-frame.ts) and Ink's own first frame is
// written over it. Checked in a real pseudo-terminal on the bytes themselves: the two frames are
// the same text, the alternate screen is entered once, nothing is cleared between them, and the
// monitor then runs as usual.
import {spawn} from 'node:child_process';
import {userInfo} from 'node:os';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, test} from 'vitest';
import {cleanUpAfterAll} from '../helpers/cleanup.js';
import {spawnProctop} from '../helpers/pty.js';

const {screens, groups} = cleanUpAfterAll();
const ENTER = '\u001b[?1049h';
const HOME = '\u001b[H';
/** Ink wraps each frame in a synchronized update. */
const INK_FRAME = '\u001b[?2026h';
const INK_FRAME_END = '\u001b[?2026l';
/** Ink's first frame has been written whole (a pty may hand it over in several reads). */
const inkFrameDone = (raw: string) => raw.includes(INK_FRAME) && raw.includes(INK_FRAME_END, raw.indexOf(INK_FRAME));

/** The frame painted before Ink loaded: between the home after ENTER and the next home. */
function paintedFrame(raw: string): string {
	const afterEnter = raw.slice(raw.indexOf(ENTER));
	const start = afterEnter.indexOf(HOME) + HOME.length;
	return afterEnter.slice(start, afterEnter.indexOf(HOME, start));
}

/** A process whose command line carries `marker`, in its own process group. */
async function startMarked(marker: string, settleMs = 200) {
	const child = spawn('sh', ['-c', `sleep 300; : ${marker}`], {stdio: 'ignore', detached: true});
	groups.push(child);
	await sleep(settleMs);
	return child;
}

describe.runIf(process.platform === 'linux')('the first frame', () => {
	test.each([
		['120×40', 120, 40, []],
		['80×24, tree', 80, 24, ['--tree']],
		['60×15, sorted by memory', 60, 15, ['--sort', 'memory']],
		// The CPU graph column shows once the history has a tick: that tick is taken before the paint.
		['100×30, with the CPU graph column', 100, 30, ['--columns', 'pid,user,cpu,cpu_graph,command']],
	])('%s: painted before Ink, then Ink writes the same frame over it without a clear', async (_label, columns, rows, args) => {
		// A long interval: on a loaded machine Ink can take longer than a second to load, and a tick
		// that lands before its first frame rightly changes that frame (seen: the CPU graph moved on).
		const screen = spawnProctop([...args, '--interval', '30'], {columns, rows});
		screens.push(screen);
		await screen.waitFor(text => text.includes('PID USER') && inkFrameDone(screen.raw()));
		const raw = screen.raw();
		expect(raw.split(ENTER)).toHaveLength(2);
		const afterEnter = raw.slice(raw.indexOf(ENTER));
		// ENTER, hide the cursor, go home, the frame, go home again.
		const start = afterEnter.indexOf(HOME) + HOME.length;
		const end = afterEnter.indexOf(HOME, start);
		const painted = afterEnter.slice(start, end);
		expect(painted).toContain('PID USER');
		expect(painted.split('\r\n')).toHaveLength(rows);
		const ink = afterEnter.slice(end + HOME.length);
		expect(ink.startsWith(INK_FRAME)).toBe(true);
		// Ink's first frame: after its synchronized-update start and the cursor hide, the very same text.
		const inkFirst = ink.slice(ink.indexOf(INK_FRAME) + INK_FRAME.length).replace(/^\u001b\[\?25l/, '');
		expect(inkFirst.slice(0, painted.length)).toBe(painted);
		expect(raw.slice(0, raw.indexOf(painted) + painted.length * 2)).not.toMatch(/\u001b\[2J|\u001b\[3J/);
		screen.write('q');
		expect((await screen.exited).exitCode).toBe(0);
	});

	// The first sample leaves command lines, owners and labels out; the rows on screen get theirs before the paint.
	test('the painted frame has the command line, the owner and the APP label of the rows it shows', async () => {
		const marker = `first-frame-shown-${process.pid}`;
		const child = await startMarked(marker);
		const screen = spawnProctop(['-p', String(child.pid), '--interval', '30'], {columns: 200, rows: 12});
		screens.push(screen);
		await screen.waitFor(text => text.includes('PID USER') && inkFrameDone(screen.raw()));
		const row = paintedFrame(screen.raw())
			.split('\r\n')
			.find(line => line.includes(String(child.pid)));
		expect(row).toContain(`sh -c sleep 300; : ${marker}`);
		expect(row).toContain(userInfo().username.slice(0, 8));
		// Its APP label too (a shell command is labelled by its script): COMMAND's text is in it once more.
		expect(row!.split('sh -c sleep 300').length - 1).toBe(2);
		screen.write('q');
		expect((await screen.exited).exitCode).toBe(0);
	});

	// ... and every other process gets its own before the UI sees the sample: a filter typed at once finds it.
	test('a process below the first screen is found by its command line at once, long before the next tick', async () => {
		// The first frame lists by pid (no CPU% yet): started after a screenful of others, the marked
		// process is below it however few processes the machine runs.
		for (let filler = 0; filler < 10; filler++) await startMarked(`first-frame-filler-${process.pid}`, 0);
		const marker = `first-frame-below-${process.pid}`;
		const child = await startMarked(marker);
		const screen = spawnProctop(['--interval', '30'], {columns: 200, rows: 10});
		screens.push(screen);
		await screen.waitFor(text => text.includes('PID USER') && inkFrameDone(screen.raw()));
		expect(paintedFrame(screen.raw())).not.toContain(marker);
		screen.write('\\');
		screen.write(marker);
		await screen.waitFor(text => text.includes(`Filter: ${marker}`));
		screen.write('\r');
		await screen.waitFor(text => text.split('\n').some(line => line.includes(String(child.pid)) && line.includes(marker)), 5000);
		screen.write('q');
		expect((await screen.exited).exitCode).toBe(0);
	});
});
