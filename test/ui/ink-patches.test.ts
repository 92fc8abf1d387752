// The bundle-time patches to Ink (scripts/ink-patches.js), checked against the installed Ink:
// each applies; the patched output stage draws exactly what stock Ink draws (compared cell by cell
// in a headless terminal) and falls back to Ink's own path for frames it does not handle; the
// patched text caches stay bounded and keep answering correctly.
import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import xterm from '@xterm/headless';
import {Chalk} from 'chalk';
import {beforeAll, describe, expect, test} from 'vitest';
import {INK_PATCHES, inkPatchFor} from '../../scripts/ink-patches.js';

const INK = 'node_modules/ink/build';
// Inside the project, so the patched copies resolve Ink's own dependencies from node_modules.
const COPIES = 'node_modules/.cache/proctop-ink-patches';

type Frame = {
	width: number;
	height: number;
	writes: Array<{x: number; y: number; text: string; transformers?: Array<(line: string, index: number) => string>}>;
	clip?: boolean;
};
type OutputClass = new (options: {
	width: number;
	height: number;
}) => {
	write(x: number, y: number, text: string, options: {transformers: Array<(line: string, index: number) => string>}): void;
	clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
	unclip(): void;
	get(): {output: string; height: number};
	directRows?(): unknown;
};

/** Writes Ink's `file` with its patch applied (plus `extra` source) and imports it. */
async function importPatched(file: string, extra = ''): Promise<Record<string, unknown>> {
	const path = join(INK, file);
	const patch = inkPatchFor(path);
	if (!patch) throw new Error(`no patch for ${path}`);
	mkdirSync(COPIES, {recursive: true});
	const copy = join(COPIES, file);
	// Ink's relative imports point back into Ink itself.
	const inkDirectory = pathToFileURL(join(process.cwd(), INK)).href;
	const patched = patch.apply(readFileSync(path, 'utf8'), path).replaceAll(/from '\.\/([^']+)'/g, `from '${inkDirectory}/$1'`);
	writeFileSync(copy, patched + extra);
	return import(join(process.cwd(), copy));
}

function draw(Output: OutputClass, frame: Frame): string {
	const output = new Output({width: frame.width, height: frame.height});
	if (frame.clip) output.clip({x1: 0, x2: 5, y1: 0, y2: frame.height});
	for (const write of frame.writes) output.write(write.x, write.y, write.text, {transformers: write.transformers ?? []});
	if (frame.clip) output.unclip();
	return output.get().output;
}

/** What a terminal shows for `output`: every cell's character and attributes. */
async function screenOf(output: string, width: number, height: number): Promise<string[]> {
	const terminal = new xterm.Terminal({cols: width + 10, rows: height + 1, allowProposedApi: true});
	await new Promise<void>(resolve => terminal.write(output.replaceAll('\n', '\r\n'), resolve));
	const cells: string[] = [];
	const cell = terminal.buffer.active.getNullCell();
	for (let y = 0; y < height; y++) {
		const line = terminal.buffer.active.getLine(y)!;
		for (let x = 0; x < width + 10; x++) {
			line.getCell(x, cell);
			cells.push(
				`${y},${x}:${cell.getChars()}|${cell.getFgColor()}/${cell.getBgColor()}|${cell.isBold()}${cell.isDim()}${cell.isInverse()}${cell.isUnderline()}`,
			);
		}
	}
	terminal.dispose();
	return cells;
}

const chalk = new Chalk({level: 3});
const STYLED_LINES = [
	`${chalk.red('red')} plain ${chalk.bgBlue.bold('x')}`,
	'漢字 👩‍👩‍👧 flag 🇬🇧 é',
	`${chalk.inverse('selected   ')}   `,
	'trailing spaces   ',
	`${chalk.dim.cyan('a')}${chalk.dim.cyan('b')}`, // same style twice: Ink merges the runs; the screen is the same
	`${chalk.underline('u')}${chalk.hex('#ff8800')('hex')}${chalk.yellow.bold(' 99.9')}`,
];

describe('Ink patches', () => {
	let Stock: OutputClass;
	let Patched: OutputClass;
	beforeAll(async () => {
		Stock = (await import(join(process.cwd(), INK, 'output.js'))).default as OutputClass;
		Patched = (await importPatched('output.js')).default as OutputClass;
	});

	test('every patch applies to the installed Ink, and refuses a file that changed shape', () => {
		for (const patch of INK_PATCHES) {
			const file = readdirSync(INK, {recursive: true, encoding: 'utf8'}).find(name => patch.file.test(join(INK, name)));
			expect(file, patch.name).toBeDefined();
			const path = join(INK, file!);
			const source = readFileSync(path, 'utf8');
			expect(patch.apply(source, path)).not.toBe(source);
			expect(() => patch.apply('export default {};', path)).toThrow(/changed; review/);
		}
	});

	test('frames of one line per row take the direct path and look exactly as stock Ink draws them', async () => {
		const frames: Frame[] = [
			{width: 40, height: STYLED_LINES.length + 2, writes: STYLED_LINES.map((text, y) => ({x: 0, y, text}))},
			{width: 40, height: STYLED_LINES.length, writes: STYLED_LINES.map((text, y) => ({x: 3, y, text}))},
			{
				width: 30,
				height: 4,
				writes: [
					{x: 0, y: 2, text: 'beyond the width of the frame, kept as Ink keeps it'},
					{x: 0, y: 9, text: 'below the frame'},
				],
			},
			{width: 20, height: 3, writes: [{x: 0, y: 0, text: 'shout', transformers: [line => line.toUpperCase(), line => `[${line}]`]}]},
			{width: 10, height: 3, writes: []},
		];
		for (const frame of frames) {
			const direct = new Patched({width: frame.width, height: frame.height});
			for (const write of frame.writes) direct.write(write.x, write.y, write.text, {transformers: write.transformers ?? []});
			expect(direct.directRows!()).toBeDefined();
			const stock = draw(Stock, frame);
			const patched = draw(Patched, frame);
			expect(await screenOf(patched, frame.width, frame.height)).toEqual(await screenOf(stock, frame.width, frame.height));
			expect(patched.split('\n')).toHaveLength(stock.split('\n').length);
		}
	});

	test('any other frame takes Ink’s own path: two writes on a row, a multi-line write, a clip', async () => {
		const frames: Frame[] = [
			{
				width: 20,
				height: 2,
				writes: [
					{x: 0, y: 0, text: 'abcdefgh'},
					{x: 2, y: 0, text: chalk.red('XY')},
				],
			},
			{width: 20, height: 3, writes: [{x: 1, y: 0, text: 'two\nlines'}]},
			{width: 20, height: 2, writes: [{x: 0, y: 0, text: 'clipped at five'}], clip: true},
		];
		for (const frame of frames) {
			const output = new Patched({width: frame.width, height: frame.height});
			if (frame.clip) output.clip({x1: 0, x2: 5});
			for (const write of frame.writes) output.write(write.x, write.y, write.text, {transformers: []});
			expect(output.directRows!()).toBeUndefined();
			expect(draw(Patched, frame)).toBe(draw(Stock, frame));
		}
		expect(draw(Patched, {width: 20, height: 2, writes: [{x: 0, y: 0, text: 'clipped at five'}], clip: true})).toBe('clipp\n');
	});

	test('the text-measuring cache stays bounded and keeps answering correctly', async () => {
		const module = await importPatched('measure-text.js', '\nexport const cacheSize = () => cache.size;\n');
		const measure = module.default as (text: string) => {width: number; height: number};
		const cacheSize = module.cacheSize as () => number;
		for (let index = 0; index < 5000; index++) expect(measure(`line ${index} 漢`)).toEqual({width: `line ${index} `.length + 2, height: 1});
		expect(cacheSize()).toBeLessThanOrEqual(1000);
		expect(measure('a\nbb\nccc')).toEqual({width: 3, height: 3});
	});

	test('the wrapping cache stays bounded and keeps answering correctly', async () => {
		const module = await importPatched('wrap-text.js', '\nexport const entries = () => Object.keys(cache).length;\n');
		const wrap = module.default as (text: string, width: number, mode: string) => string;
		const entries = module.entries as () => number;
		for (let index = 0; index < 5000; index++) expect(wrap(`process number ${index} with a long name`, 10, 'truncate')).toBe('process n…');
		expect(entries()).toBeLessThanOrEqual(1000);
		const stock = (await import(join(process.cwd(), INK, 'wrap-text.js'))).default as typeof wrap;
		for (const [text, width, mode] of [
			['one two three', 7, 'wrap'],
			['a long command line', 9, 'truncate-middle'],
			['漢字漢字漢字', 5, 'wrap'],
		] as const) {
			expect(wrap(text, width, mode)).toBe(stock(text, width, mode));
		}
	});

	test('the escape-stripping memo stays bounded and answers exactly as stock Ink', async () => {
		const module = await importPatched('sanitize-ansi.js', '\nexport const cacheSize = () => sanitizedTexts.size;\n');
		const sanitize = module.default as (text: string) => string;
		const cacheSize = module.cacheSize as () => number;
		const stock = (await import(join(process.cwd(), INK, 'sanitize-ansi.js'))).default as typeof sanitize;
		const hostile = ['\u001b[2Jcleared', 'moved\u001b[10;10Hhere', `${chalk.red('red')}\u001b]0;title\u0007`, 'c1 \u009b31m', 'plain'];
		for (let index = 0; index < 5000; index++) {
			const text = `${hostile[index % hostile.length]} ${index}`;
			expect(sanitize(text)).toBe(stock(text));
			// Asked again: the remembered answer is the same.
			expect(sanitize(text)).toBe(stock(text));
		}
		expect(cacheSize()).toBeLessThanOrEqual(1000);
		for (const line of STYLED_LINES) expect(sanitize(line)).toBe(stock(line));
		expect(sanitize('\u001b[2Jx')).toBe('x');
	});
});
