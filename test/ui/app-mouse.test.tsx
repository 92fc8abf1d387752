// Clicks and the wheel (--mouse), as SGR reports on the raw input: a click selects a row, two open
// its details, a click on a title sorts by it (again: the other way), the wheel moves three rows.
// No report, and no other escape sequence Ink does not know, ever becomes letter keys.
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {App} from '../../source/ui/app.js';
import {parseMouseReport, targetAt} from '../../source/ui/mouse.js';
import {fakePlatform} from '../helpers/fake-platform.js';
import {counting, fakeSampler, rawProcess} from '../helpers/fake-sampler.js';
import {afterReads, frameWith, selectedRow, strip, testOptions} from '../helpers/ui.js';

/** An SGR report as a terminal sends it: 1-based cells. */
const report = (code: number, x: number, y: number, release = false) => `\u001b[<${code};${x + 1};${y + 1}${release ? 'm' : 'M'}`;

describe('SGR mouse reports', () => {
	test('presses, releases, the wheel and drags; anything else is not a report', () => {
		expect(parseMouseReport(report(0, 9, 4))).toEqual({kind: 'press', button: 'left', x: 9, y: 4, shift: false});
		expect(parseMouseReport(report(2, 0, 0))).toMatchObject({kind: 'press', button: 'right'});
		expect(parseMouseReport(report(4, 1, 1))).toMatchObject({kind: 'press', button: 'left', shift: true});
		expect(parseMouseReport(report(0, 9, 4, true))).toEqual({kind: 'release', x: 9, y: 4});
		expect(parseMouseReport(report(64, 3, 3))).toEqual({kind: 'wheel', direction: 'up', x: 3, y: 3});
		expect(parseMouseReport(report(65, 3, 3))).toEqual({kind: 'wheel', direction: 'down', x: 3, y: 3});
		expect(parseMouseReport(report(32, 3, 3))).toEqual({kind: 'drag', x: 3, y: 3});
		for (const other of ['\u001b[B', '\u001b[<0;0;5M', '[<0;1;1M', '\u001b[M !!', '\u001b[<a;1;1M']) expect(parseMouseReport(other)).toBeUndefined();
	});

	test('a point falls on a title (the space after it too), a listed row, or nothing', () => {
		const layout = {
			titleLine: 6,
			rowCount: 3,
			top: 10,
			columns: [
				{x: 0, cells: 7, sortKey: 'pid' as const},
				{x: 8, cells: 5, sortKey: 'cpu' as const},
			],
		};
		expect(targetAt(layout, 3, 6)).toEqual({kind: 'title', sortKey: 'pid'});
		expect(targetAt(layout, 7, 6)).toEqual({kind: 'title', sortKey: 'pid'});
		expect(targetAt(layout, 13, 6)).toEqual({kind: 'title', sortKey: 'cpu'});
		expect(targetAt(layout, 40, 6)).toEqual({kind: 'none'});
		expect(targetAt(layout, 0, 7)).toEqual({kind: 'row', index: 10});
		expect(targetAt(layout, 50, 9)).toEqual({kind: 'row', index: 12});
		expect(targetAt(layout, 0, 10)).toEqual({kind: 'none'});
		expect(targetAt(layout, 0, 2)).toEqual({kind: 'none'});
	});
});

const mounted: Array<ReturnType<typeof render>> = [];
afterEach(() => {
	for (const ui of mounted.splice(0)) ui.unmount();
});

async function mount() {
	const world = [
		rawProcess({pid: 1, ppid: 0, name: 'init', command: '/sbin/init', user: 'root'}),
		...Array.from({length: 12}, (_, index) =>
			rawProcess({pid: 100 + index, ppid: 1, name: `w${index}`, command: `worker-${index}`, residentBytes: (index + 1) * 1_000_000}),
		),
	];
	const table = counting(() => world);
	const ui = render(
		<App
			options={testOptions({sort: 'pid', mouse: true})}
			sampler={fakeSampler(table.tables)}
			platform={fakePlatform({world: () => world})}
			viewport={{columns: 120, rows: 30}}
		/>,
	);
	mounted.push(ui);
	await frameWith(ui, text => text.includes('worker-11'));
	await afterReads(table.reads, 1);
	const lines = strip(ui.lastFrame() ?? '').split('\n');
	const titleLine = lines.findIndex(line => /PID/.test(line) && /COMMAND/.test(line));
	const rowOf = (pid: number) => lines.findIndex(line => new RegExp(`^\\s+${pid} `).test(line));
	return {ui, titleLine, rowOf, titles: lines[titleLine]!};
}

describe('the mouse in the App', () => {
	test('a click selects the row under it; a second click on it opens its details', async () => {
		const {ui, rowOf} = await mount();
		ui.stdin.write(report(0, 30, rowOf(105)));
		ui.stdin.write(report(0, 30, rowOf(105), true));
		await frameWith(ui, () => /^\s+105 /.test(selectedRow(ui)));
		ui.stdin.write(report(0, 30, rowOf(105)));
		await frameWith(ui, text => /worker-5/.test(text) && /Started|Command/.test(text) && !/worker-6/.test(text));
	});

	test('a click on a title sorts by that column, again the other way; the report never acts as keys', async () => {
		const {ui, titleLine, titles} = await mount();
		const x = titles.indexOf('RES');
		ui.stdin.write(report(0, x, titleLine));
		const byMemory = await frameWith(ui, text => /RES▼/.test(text));
		expect(byMemory.split('\n').find(line => /^\s+\d+ /.test(line))).toMatch(/^\s+111 /);
		ui.stdin.write(report(0, x + 1, titleLine));
		await frameWith(ui, text => /RES▲/.test(text));
		// "[<0;…M" as keys would have lowered a priority ([), stepped the sort (<) and sorted by MEM% (M).
		expect(strip(ui.lastFrame() ?? '')).not.toMatch(/MEM%[▲▼]|nice|not permitted/);
	});

	test('the wheel moves the selection three rows a step, and scrolls the help too', async () => {
		const {ui} = await mount();
		ui.stdin.write(report(65, 10, 10));
		await frameWith(ui, () => /^\s+102 /.test(selectedRow(ui)));
		ui.stdin.write(report(65, 10, 10));
		await frameWith(ui, () => /^\s+105 /.test(selectedRow(ui)));
		ui.stdin.write(report(64, 10, 10));
		await frameWith(ui, () => /^\s+102 /.test(selectedRow(ui)));
		ui.stdin.write('h');
		const help = await frameWith(ui, text => /Keys/i.test(text) && !/worker-1/.test(text));
		ui.stdin.write(report(65, 10, 10));
		await frameWith(ui, text => text.split('\n')[0] !== help.split('\n')[0]);
	});

	test('escape sequences Ink does not know (focus events, paste brackets) are dropped, not typed', async () => {
		const {ui} = await mount();
		const before = strip(ui.lastFrame() ?? '');
		for (const sequence of ['\u001b[I', '\u001b[O', '\u001b[200~', '\u001b[201~', '\u001b[?1;2c']) ui.stdin.write(sequence);
		ui.stdin.write('\u001b[B'); // a known key still works after them
		await frameWith(ui, () => /^\s+100 /.test(selectedRow(ui)));
		const after = strip(ui.lastFrame() ?? '');
		// No invert (I), no renice ([), no message: only the selection moved.
		expect(after.split('\n').find(line => /PID/.test(line))).toBe(before.split('\n').find(line => /PID/.test(line)));
		expect(after).not.toMatch(/nice|inverted|not permitted|refused/);
	});
});

describe('clicks and function keys render at the priority of a key press', () => {
	/** The frame an immediate sees that was queued before `input` arrived (a tick's next slice of work, say). */
	async function frameSeenByQueuedWork(ui: ReturnType<typeof render>, input: string): Promise<string> {
		const seen = new Promise<string>(resolve => setImmediate(() => resolve(strip(ui.lastFrame() ?? ''))));
		ui.stdin.write(input);
		return seen;
	}

	test('a click on a title is drawn before work queued ahead of it runs', async () => {
		const {ui, titleLine, titles} = await mount();
		expect(await frameSeenByQueuedWork(ui, report(0, titles.indexOf('RES'), titleLine))).toMatch(/RES▼/);
	});

	test('F1 (help) is drawn before work queued ahead of it runs, and does nothing else', async () => {
		const {ui} = await mount();
		const help = await frameSeenByQueuedWork(ui, '\u001bOP');
		expect(help).toMatch(/Keys/i);
		expect(help).not.toMatch(/worker-1/);
	});
});
