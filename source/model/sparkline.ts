// Pure: a series of numbers as one line of small bars (▁▂▃▄▅▆▇█), or of ASCII (.:-=+*#%@) where
// the terminal is not UTF-8 or is TERM=dumb. Newest on the right; a gap (NaN: the process did not
// exist yet) is a space; more values than cells are averaged per cell.

import type {RecentValues} from '../types.js';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII = ['.', ':', '-', '=', '+', '*', '#', '@'];

/** Values bucketed into at most `cells` means (the newest bucket last). */
function buckets(values: readonly number[], cells: number): number[] {
	if (values.length <= cells) return [...values];
	const out: number[] = [];
	for (let cell = 0; cell < cells; cell++) {
		const from = Math.floor((cell * values.length) / cells);
		const to = Math.floor(((cell + 1) * values.length) / cells);
		let sum = 0;
		let count = 0;
		for (let index = from; index < to; index++)
			if (!Number.isNaN(values[index]!)) {
				sum += values[index]!;
				count++;
			}
		out.push(count === 0 ? Number.NaN : sum / count);
	}
	return out;
}

export function sparkline(values: readonly number[], options: {cells: number; max: number; ascii?: boolean}): string {
	const glyphs = options.ascii ? ASCII : BLOCKS;
	const top = options.max > 0 ? options.max : 1;
	return buckets(values, Math.max(0, options.cells))
		.map(value => {
			if (Number.isNaN(value)) return ' ';
			const level = Math.round((Math.min(Math.max(value, 0), top) / top) * (glyphs.length - 1));
			return glyphs[level]!;
		})
		.join('');
}

/** A circular buffer's values, oldest first. */
export function inOrder(recent: RecentValues): number[] {
	const out: number[] = [];
	for (let index = 0; index < recent.count; index++) out.push(recent.values[(recent.start + index) % recent.values.length]!);
	return out;
}

/** The same graph in ASCII, glyph for glyph (for a column built before the terminal was known). */
export function asciiBars(text: string): string {
	return [...text]
		.map(glyph => {
			const level = BLOCKS.indexOf(glyph);
			return level === -1 ? glyph : ASCII[level]!;
		})
		.join('');
}

/** UTF-8 unless the locale says otherwise or the terminal is dumb (what the sparkline may draw). */
export function canDrawBlocks(env: Readonly<Record<string, string | undefined>>): boolean {
	if (env.TERM === 'dumb') return false;
	const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
	// No locale at all (many containers) is taken as UTF-8, as terminals nowadays are.
	return locale === '' || /utf-?8/i.test(locale);
}
