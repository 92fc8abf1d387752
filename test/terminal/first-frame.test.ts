// The first frame is painted before Ink loads (ui/first-frame.ts) and Ink's own first frame is
// written over it. Checked in a real pseudo-terminal on the bytes themselves: the two frames are
// the same text, the alternate screen is entered once, nothing is cleared between them, and the
// monitor then runs as usual.
import {describe, expect, test} from 'vitest';
import {cleanUpAfterAll} from '../helpers/cleanup.js';
import {spawnProctop} from '../helpers/pty.js';

const {screens} = cleanUpAfterAll();
const ENTER = '\u001b[?1049h';
const HOME = '\u001b[H';
/** Ink wraps each frame in a synchronized update. */
const INK_FRAME = '\u001b[?2026h';
const INK_FRAME_END = '\u001b[?2026l';
/** Ink's first frame has been written whole (a pty may hand it over in several reads). */
const inkFrameDone = (raw: string) => raw.includes(INK_FRAME) && raw.includes(INK_FRAME_END, raw.indexOf(INK_FRAME));

describe.runIf(process.platform === 'linux')('the first frame', () => {
	test.each([
		['120×40', 120, 40, []],
		['80×24, tree', 80, 24, ['--tree']],
		['60×15, sorted by memory', 60, 15, ['--sort', 'memory']],
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
});
