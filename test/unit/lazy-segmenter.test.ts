// The bundle's stand-in for Intl.Segmenter (scripts/lazy-segmenter.js): it segments exactly as the
// real one, builds the real one only when a segment() call needs it, and the built bundle has no
// other Intl.Segmenter left, so no module builds ICU's break data while the program loads.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, expect, test} from 'vitest';
import {ProctopLazySegmenter} from '../../scripts/lazy-segmenter.js';

const RealSegmenter = Intl.Segmenter;
afterEach(() => {
	(Intl as {Segmenter: unknown}).Segmenter = RealSegmenter;
});

const SAMPLES = ['', 'plain ascii', 'e\u0301te\u0301', '👨‍👩‍👧 1️⃣ 🇫🇷', '漢字 한국어', '\u001b[31mred\u001b[0m │ …'];

test('segments as Intl.Segmenter does, with the same options, building the real one on first use only', () => {
	let built = 0;
	(Intl as {Segmenter: unknown}).Segmenter = class extends RealSegmenter {
		constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
			super(...args);
			built++;
		}
	};
	const graphemes = new ProctopLazySegmenter(undefined, {granularity: 'grapheme'});
	const words = new ProctopLazySegmenter('en', {granularity: 'word'});
	expect([built, graphemes.built, words.built]).toEqual([0, false, false]);
	for (const sample of SAMPLES) {
		expect([...graphemes.segment(sample)]).toEqual([...new RealSegmenter(undefined, {granularity: 'grapheme'}).segment(sample)]);
		expect([...words.segment(sample)]).toEqual([...new RealSegmenter('en', {granularity: 'word'}).segment(sample)]);
	}
	// One real segmenter each, however many calls.
	expect([built, graphemes.built, words.built]).toEqual([2, true, true]);
	expect(words.resolvedOptions().granularity).toBe('word');
});

test('the built bundle constructs Intl.Segmenter only inside the stand-in', () => {
	// test/helpers/global-setup.ts has built dist/ from the current source.
	const bundle = readFileSync(join(import.meta.dirname, '..', '..', 'dist', 'cli.cjs'), 'utf8');
	const uses = bundle.match(/Intl\.Segmenter/g) ?? [];
	expect(uses).toHaveLength(1);
	expect(bundle).toContain('new globalThis.Intl.Segmenter(');
	// Ink's dependencies still segment: through the stand-in (more than one module constructs it).
	expect(bundle.match(/new \w+\(void 0,\{granularity:"grapheme"\}\)/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
});
