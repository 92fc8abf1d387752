// The bundle-time start-up patches (scripts/startup-patches.js), checked against the installed
// modules: string-width measures every code point of its fast class and a corpus of wide, joined
// and combining text exactly as the stock module does, builds no segmenter for plain text, and its
// fast class is the one source/model/format.ts uses; meow answers the same and loads
// normalize-package-data only when asked for the package.
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {pathToFileURL} from 'node:url';
import stockWidth from 'string-width';
import {afterAll, expect, test} from 'vitest';
import type {StartupPatch} from '../../scripts/startup-patches.js';
import {ONE_CELL_CLASS, STARTUP_PATCHES} from '../../scripts/startup-patches.js';
import {PLAIN} from '../../source/model/format.js';

const [STRING_WIDTH, MEOW] = STARTUP_PATCHES as [StartupPatch, StartupPatch];
// Beside the original, so a copy resolves the module's own imports (strip-ansi, …).
const copyOf = (patch: StartupPatch) => join(dirname(patch.path), `.proctop-patch-test-${patch.name}.js`);

/** Writes the patched file beside the original; returns its URL to import. */
function patchedCopy(patch: StartupPatch, edit = (source: string) => source): string {
	writeFileSync(copyOf(patch), edit(patch.apply(readFileSync(patch.path, 'utf8'), patch.path)));
	return pathToFileURL(copyOf(patch)).href;
}

const SAMPLES = [
	'',
	'node server.js --port 3000',
	'├─ node │ 12.3 … █▇▆ ↑↓',
	'漢字のプロセス',
	'ｶﾀｶﾅ ﾞﾟ',
	'e\u0301te\u0301 a\u0308',
	'👍🏽 👨‍👩‍👧 1️⃣ #⃣ ◽◾ ↔\ufe0f',
	'\u1100\u1161\u11a8 한국어',
	'\u001b[31mred\u001b[0m 赤 \u001b[1m│\u001b[0m',
	'\u200bzero\u200dwidth\u00ad',
	'\t\u0007control',
	'Ελληνικά кириллица ✓ → █',
];

afterAll(() => {
	for (const patch of STARTUP_PATCHES) rmSync(copyOf(patch), {force: true});
});

test('the patched string-width measures like the stock one, and builds its segmenter only past the fast path', async () => {
	const url = patchedCopy(STRING_WIDTH);
	const RealSegmenter = Intl.Segmenter;
	let built = 0;
	// Counts construction while the copy is imported and used; restored after.
	(Intl as {Segmenter: unknown}).Segmenter = class extends RealSegmenter {
		constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
			super(...args);
			built++;
		}
	};
	try {
		const patchedWidth = (await import(url)).default as typeof stockWidth;
		expect(patchedWidth('\u001b[7m node │ 1.0 … ██▌\u001b[0m')).toBe(stockWidth('node │ 1.0 … ██▌') + 1);
		expect(built).toBe(0);
		for (const sample of SAMPLES) expect([sample, patchedWidth(sample)]).toEqual([sample, stockWidth(sample)]);
		expect(patchedWidth('漢字', {ambiguousIsNarrow: false})).toBe(stockWidth('漢字', {ambiguousIsNarrow: false}));
		expect(built).toBe(1);
		// Every character the fast path counts as one cell is one cell to the stock module.
		const wrong: string[] = [];
		for (let code = 0; code <= 0x2fff; code++) {
			const character = String.fromCodePoint(code);
			if (new RegExp(`^[${ONE_CELL_CLASS}]$`).test(character) && stockWidth(character) !== 1) wrong.push(code.toString(16));
		}
		expect(wrong).toEqual([]);
	} finally {
		(Intl as {Segmenter: unknown}).Segmenter = RealSegmenter;
	}
});

test("the fast class is the one the model's display width uses", () => {
	expect(PLAIN.source).toBe(`^[${ONE_CELL_CLASS}]*$`);
});

test('meow loads normalize-package-data only when the package is read, and it normalizes as before', async () => {
	// The copy counts calls of the lazy require the patch defers.
	const count = 'function requireNormalize () {\n\tglobalThis.proctopNormalizeCalls = (globalThis.proctopNormalizeCalls ?? 0) + 1;';
	const url = patchedCopy(MEOW, source => {
		expect(source).toContain('function requireNormalize () {');
		return source.replace('function requireNormalize () {', count);
	});
	const calls = () => (globalThis as {proctopNormalizeCalls?: number}).proctopNormalizeCalls ?? 0;
	type Dependencies = {n: (pkg: Record<string, unknown>) => void};
	const patched = (await import(url)) as Dependencies;
	expect(calls()).toBe(0);
	const stock = (await import(pathToFileURL(MEOW.path).href)) as Dependencies;
	const [viaPatched, viaStock] = [
		{name: 'proctop', version: '1.2.3', license: 'MIT'},
		{name: 'proctop', version: '1.2.3', license: 'MIT'},
	];
	patched.n(viaPatched);
	stock.n(viaStock);
	expect(calls()).toBeGreaterThan(0);
	expect(viaPatched).toEqual(viaStock);
	expect(viaPatched).toHaveProperty('_id', 'proctop@1.2.3');
});

test('a module that no longer looks as expected stops the build with the file named', () => {
	for (const patch of STARTUP_PATCHES) expect(() => patch.apply('export default () => 0;', 'x/changed.js')).toThrow(/x\/changed\.js changed/);
});
