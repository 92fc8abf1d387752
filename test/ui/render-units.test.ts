// Pure screen pieces: width-exact rows with hostile and wide text, meters at every size.
import {describe, expect, test} from 'vitest';
import {layoutColumns, TABLE_COLUMNS} from '../../source/model/columns.js';
import {
	displayWidth,
	dropCells,
	formatBytes,
	formatCpuTime,
	formatElapsed,
	formatPercent,
	formatStart,
	formatTty,
	formatUptime,
	truncate,
} from '../../source/model/format.js';
import {sanitize} from '../../source/sanitize.js';
import type {Snapshot} from '../../source/types.js';
import {headerLines} from '../../source/ui/lines/meters.js';
import {processRow} from '../../source/ui/lines/row.js';
import {fitLine, type Line, lineText, lineWidth, mergeSegments, restyled, type Segment, type Style, withText} from '../../source/ui/lines/segments.js';
import {processSample} from '../helpers/processes.js';

describe('format', () => {
	test.each([
		[0, '0K'],
		[900 * 1024, '900K'],
		[5 * 1024 ** 2, '5.00M'],
		[123.4 * 1024 ** 2, '123M'],
		[1.5 * 1024 ** 3, '1.50G'],
		[-1, '?'],
		[Number.NaN, '?'],
	])('formatBytes(%d) = %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
	test.each([
		[0, '0:00.00'],
		[75.5, '1:15.50'],
		[3725, '1h02:05'],
		[400_000, '111h'],
		[-1, '?'],
	])('formatCpuTime(%d) = %s', (seconds, text) => expect(formatCpuTime(seconds)).toBe(text));
	test('percent and uptime', () => {
		expect(formatPercent(null)).toBe('-');
		expect(formatPercent(12.345)).toBe('12.3');
		expect(formatPercent(1234.5)).toBe('1235');
		expect(formatUptime(90_061)).toBe('1 day, 01:01:01');
	});
	test.each([
		['CJK', '日本語のプロセス名前', 7],
		['family emoji', 'a👨‍👩‍👧‍👦b👨‍👩‍👧‍👦c', 4],
		['flags', '🇫🇷🇩🇪🇯🇵', 5],
		['combining', 'e\u0301e\u0301e\u0301e\u0301', 3],
	])('truncate never splits a grapheme (%s)', (_label, text, width) => {
		const cut = truncate(text, width);
		expect(displayWidth(cut)).toBeLessThanOrEqual(width);
		expect(cut.endsWith('…')).toBe(true);
		const kept = cut.slice(0, -1);
		expect(text.startsWith(kept)).toBe(true);
		const segments = [...new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(text)].map(s => s.segment);
		let joined = '';
		for (const segment of segments) {
			if (joined === kept) break;
			joined += segment;
		}
		expect(joined).toBe(kept);
	});
	test('a 300 KB command line truncates quickly and exactly', () => {
		const huge = `${'x'.repeat(300_000)}日本`;
		expect(truncate(huge, 50)).toHaveLength(50);
		expect(truncate(`日本${'y'.repeat(300_000)}`, 10)).toBe('日本yyyyy…');
	});
});

describe('the columns ps and htop users know', () => {
	test("TTY names terminals as ps does, from stat's tty_nr", () => {
		expect(formatTty(0)).toBe('?');
		expect(formatTty((136 << 8) | 3)).toBe('pts/3');
		// Minor numbers above 255 live in bits 20–31; ptys past 255 move to major 137.
		expect(formatTty((136 << 8) | (1 << 20) | 4)).toBe('pts/260');
		expect(formatTty((137 << 8) | 2)).toBe('pts/258');
		expect(formatTty((4 << 8) | 1)).toBe('tty1');
		expect(formatTty((4 << 8) | 64)).toBe('ttyS0');
	});
	test('START is the time of day when it started today, else the date; ELAPSED as ps writes it', () => {
		const at = new Date(2026, 10, 29, 16, 30).getTime();
		expect(formatStart(new Date(2026, 10, 29, 9, 5).getTime(), at)).toBe('09:05');
		expect(formatStart(new Date(2026, 10, 28, 23, 59).getTime(), at)).toBe('Nov 28');
		expect(formatStart(0, at)).toBe('?');
		expect(formatElapsed(59)).toBe('00:59');
		expect(formatElapsed(3 * 3600 + 5 * 60 + 32)).toBe('3:05:32');
		expect(formatElapsed(12 * 86_400 + 3 * 3600 + 5 * 60 + 32)).toBe('12-03:05:32');
		expect(formatElapsed(-5)).toBe('00:00');
	});
});

describe('dropCells', () => {
	test('cuts whole graphemes by display cells and says how many UTF-16 units went', () => {
		expect(dropCells('node server.js', 5)).toEqual({text: 'server.js', dropped: 5});
		expect(dropCells('node', 0)).toEqual({text: 'node', dropped: 0});
		expect(dropCells('node', 9)).toEqual({text: '', dropped: 4});
		// 漢 takes two cells: cutting one cell into it drops it whole.
		expect(dropCells('漢字 x', 1)).toEqual({text: '字 x', dropped: 1});
		expect(dropCells('漢字 x', 4)).toEqual({text: ' x', dropped: 2});
		// A combining accent stays with its letter; an emoji (two units) goes as one.
		expect(dropCells('e\u0301tat', 1)).toEqual({text: 'tat', dropped: 2});
		expect(dropCells('👍 ok', 2)).toEqual({text: ' ok', dropped: 2});
	});
});

describe('processRow', () => {
	const hostile = [sanitize('evil\u001b]52;c;cHduZWQ=\u0007\u001b[2J\r\n\t\u202Eexe'), '日本語のプロセス 👨‍👩‍👧‍👦 🇫🇷 e\u0301', 'x'.repeat(300_000)];
	test.each([20, 40, 80, 120, 200])('every row is exactly the terminal width (%i)', width => {
		const columns = layoutColumns(TABLE_COLUMNS, width);
		for (const command of hostile) {
			const line = fitLine(
				processRow({
					row: {process: processSample({pid: 7, command}), prefix: '│  └─ ', hasChildren: false, collapsed: false, hiddenDescendants: 0},
					columns,
					atMs: Date.now(),
				}),
				width,
			);
			expect(lineWidth(line)).toBe(width);
			expect(lineText(line)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/u);
		}
	});
	test('zombies, kernel threads, collapsed counts and orphans are marked', () => {
		const columns = layoutColumns(TABLE_COLUMNS, 200);
		const text = (fields: Parameters<typeof processSample>[0], extra = {}) =>
			lineText(
				processRow({
					row: {process: processSample(fields), prefix: '', hasChildren: false, collapsed: false, hiddenDescendants: 0, ...extra},
					columns,
					atMs: Date.now(),
				}),
			);
		expect(text({pid: 5, name: 'dead', state: 'Z', command: ''})).toContain('dead <defunct>');
		expect(text({pid: 6, name: 'kworker/0:1', isKernelThread: true, command: ''})).toContain('[kworker/0:1]');
		expect(text({pid: 7, isOrphan: true})).toContain('[orphan] ');
		expect(text({pid: 8}, {collapsed: true, hiddenDescendants: 12, hasChildren: true})).toContain('[+12] ');
		expect(text({pid: 9, priority: -100})).toMatch(/ RT /);
	});
});

describe('headerLines', () => {
	const snapshot = (cores: number): Snapshot => ({
		takenAt: 0,
		elapsedMs: 1000,
		cpuKind: 'delta',
		processes: [],
		changes: {appeared: [], exited: [], reparented: []},
		garbled: 0,
		limited: false,
		unseenListeners: [],
		counts: {total: 10, running: 1, sleeping: 9, diskWait: 0, stopped: 0, zombie: 0, idle: 0, threads: 20, kernelThreads: 0},
		cpuPercentPerCore: Array.from({length: cores}, (_, index) => (index * 3) % 100),
		cores,
	});
	const system = {
		hostname: 'h',
		memory: {totalBytes: 8 * 2 ** 30, usedBytes: 2 ** 30, availableBytes: 7 * 2 ** 30},
		swap: {totalBytes: 0, usedBytes: 0},
		uptimeSeconds: 60,
		loadAverage: [1, 2, 3] as [number, number, number],
	};
	const own = {cpuPercent: 1.5, recentCpuPercent: 1.5, residentBytes: 50 * 2 ** 20};

	test.each([
		[2, 120, 30],
		[2, 60, 20],
		[16, 120, 30],
		[64, 120, 30],
		[256, 200, 50],
		[2, 20, 5],
		[8, 40, 3],
		[2, 120, 1],
	])('%i cores at %i×%i lines: every line exact, never over budget', (cores, width, maxLines) => {
		const lines = headerLines({snapshot: snapshot(cores), system, own, width, maxLines, limited: false});
		expect(lines.length).toBeLessThanOrEqual(maxLines);
		for (const line of lines) expect(lineWidth(line)).toBe(width);
	});
	test('per-core bars when they fitCell, a summary bar when not, a compact line at the end', () => {
		const wide = headerLines({snapshot: snapshot(2), system, own, width: 120, maxLines: 20, limited: false}).map(lineText);
		expect(wide[0]).toMatch(/^0\[/);
		expect(wide[1]).toMatch(/^1\[/);
		const many = headerLines({snapshot: snapshot(256), system, own, width: 120, maxLines: 6, limited: false}).map(lineText);
		expect(many[0]).toMatch(/^CPU\[/);
		const tiny = headerLines({snapshot: snapshot(2), system, own, width: 60, maxLines: 2, limited: true}).map(lineText);
		expect(tiny).toHaveLength(1);
		expect(tiny[0]).toMatch(/^CPU \d+% Mem 1\.00G\/8\.00G Load 1\.00 Tasks 10 limited/);
		expect(headerLines({snapshot: snapshot(2), system, own, width: 60, maxLines: 0, limited: false})).toEqual([]);
	});
	test('history: the machine CPU and memory as graphs in the space beside the text column, newest at the right', () => {
		const machineHistory = {cpuPercent: [0, 50, 100], memoryUsed: [0.25, 0.25, Number.NaN]};
		const lines = headerLines({snapshot: snapshot(2), system, own, width: 120, maxLines: 20, limited: false, machineHistory}).map(lineText);
		expect(lines[4]).toMatch(/^CPU {53}▁▅█ /);
		expect(lines[5]).toMatch(/^Mem {53}▃▃ {2}/);
		const ascii = headerLines({snapshot: snapshot(2), system, own, width: 120, maxLines: 20, limited: false, machineHistory, asciiGraphs: true}).map(lineText);
		expect(ascii[4]).toMatch(/\.\+@ /);
		// No room beside a taller meter column (many cores): no graphs rather than a taller header.
		const crowded = headerLines({snapshot: snapshot(8), system, own, width: 120, maxLines: 20, limited: false, machineHistory}).map(lineText);
		expect(crowded.join('\n')).not.toMatch(/^CPU +[▁▅█]/m);
	});

	test('memory as htop draws it: used, buffers and cache in their colours, the runs never past the bar', () => {
		const memory = {totalBytes: 1000, usedBytes: 400, availableBytes: 600, buffersBytes: 100, cachedBytes: 200};
		const lines = headerLines({snapshot: snapshot(2), system: {...system, memory}, own, width: 120, maxLines: 20, limited: false});
		const mem = lines.find(line => lineText(line).startsWith('Mem['))!;
		const runs = mem.filter(segment => /^\|+$/.test(segment.text)).map(segment => [segment.color, segment.text.length]);
		// 59 cells: "Mem[", "]" and the text "0K/0K" leave 49 to fill; 40 %, +10 %, +20 % of them, rounded at each end.
		expect(runs).toEqual([
			['green', 20],
			['blue', 5],
			['yellow', 9],
		]);
		// The bar closes at the left column's edge (59 cells), even when the figures add up past the total.
		expect(lineText(mem).indexOf(']')).toBe(58);
		const full = headerLines({
			snapshot: snapshot(2),
			system: {...system, memory: {...memory, cachedBytes: 5000}},
			own,
			width: 120,
			maxLines: 20,
			limited: false,
		});
		expect(lineText(full.find(line => lineText(line).startsWith('Mem['))!).indexOf(']')).toBe(58);
	});

	test('hidepid: a banner says the list is limited', () => {
		const text = headerLines({snapshot: snapshot(2), system, own, width: 120, maxLines: 20, limited: true})
			.map(lineText)
			.join('\n');
		expect(text).toContain('limited: only your own processes are visible');
	});
});

describe('wrapText', () => {
	test.each([
		['plain', 'abcdefghij'.repeat(50), 7],
		['wide and emoji across chunk boundaries', `${'x'.repeat(2040)}日本語👨‍👩‍👧‍👦🇫🇷e\u0301${'y'.repeat(3000)}日本`, 13],
		['all wide', '日本語'.repeat(2000), 9],
	])('%s: lines fitCell, nothing lost, no grapheme split', async (_label, text, width) => {
		const {wrapText, displayWidth} = await import('../../source/model/format.js');
		const lines = wrapText(text, width);
		expect(lines.join('')).toBe(text);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
		const graphemes = [...new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(text)].map(s => s.segment);
		let rebuilt = '';
		const boundaries = new Set<number>([0]);
		for (const grapheme of graphemes) {
			rebuilt += grapheme;
			boundaries.add(rebuilt.length);
		}
		let offset = 0;
		for (const line of lines) {
			expect(boundaries.has(offset)).toBe(true);
			offset += line.length;
		}
	});
});

describe('mergeSegments', () => {
	// Seeded so a failure repeats: each character keeps its style, neighbours of one style become one run.
	let seed = 7;
	const random = () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
		return seed / 2 ** 31;
	};
	const styles: Style[] = [{}, {color: 'red'}, {color: 'red', bold: true}, {inverse: true}, {backgroundColor: 'blue'}, {dim: true, underline: true}];
	const styleOf = (segment: Style) => JSON.stringify([segment.color, segment.backgroundColor, segment.bold, segment.dim, segment.inverse, segment.underline]);
	const perCharacter = (line: Line) => line.flatMap(segment => [...segment.text].map(character => `${character}${styleOf(segment)}`));
	test('keeps every character and its style, and leaves no two neighbours of one style and no empty runs', () => {
		for (let round = 0; round < 2000; round++) {
			const line: Line = Array.from({length: Math.floor(random() * 12)}, () => ({
				...styles[Math.floor(random() * styles.length)]!,
				text: ['', 'a', 'bc', ' ', 'déf'][Math.floor(random() * 5)]!,
			}));
			const merged = mergeSegments(line);
			expect(perCharacter(merged)).toEqual(perCharacter(line));
			expect(merged.every(segment => segment.text !== '')).toBe(true);
			for (let index = 1; index < merged.length; index++) expect(styleOf(merged[index]!)).not.toBe(styleOf(merged[index - 1]!));
		}
	});
	test('a segment left alone is passed through, not copied; the input is not changed', () => {
		const first = {text: 'a', color: 'red'};
		const line: Line = [first, {text: 'b'}, {text: 'c'}];
		const merged = mergeSegments(line);
		expect(merged[0]).toBe(first);
		expect(merged[1]).toEqual({text: 'bc'});
		expect(line[1]).toEqual({text: 'b'});
	});
});

describe('withText and restyled', () => {
	// Every style field, present or not, in each combination a screen uses.
	const styles: Style[] = [
		{},
		{color: 'red'},
		{color: 'red', bold: true},
		{inverse: true},
		{backgroundColor: 'blue', dim: true},
		{underline: true, bold: false},
		{color: 'yellow', bold: true, underline: true},
		{dim: false, color: 'black', backgroundColor: 'cyan'},
	];
	const segments: Segment[] = styles.flatMap(style => [
		{...style, text: 'x'},
		{text: 'y', ...style},
	]);
	test('withText is the segment with another text: every style kept, nothing else changed', () => {
		for (const segment of segments) {
			const copy = withText(segment, 'new');
			expect(copy).toEqual({...segment, text: 'new'});
			expect(copy).not.toBe(segment);
			expect(segment.text).not.toBe('new');
		}
	});
	test("restyled means {...segment, ...style}: the style's fields over the segment's own", () => {
		for (const segment of segments) for (const style of styles) expect(restyled(segment, style)).toEqual({...segment, ...style});
	});
	test('each builds one shape: the same fields in the same order, whatever the segment had', () => {
		const shapes = new Set([
			...segments.map(segment => Object.keys(withText(segment, 'a')).join()),
			...segments.flatMap(segment => styles.map(style => Object.keys(restyled(segment, style)).join())),
		]);
		expect([...shapes]).toEqual(['text,color,backgroundColor,bold,dim,inverse,underline']);
	});
});
