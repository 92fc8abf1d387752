// Test kit for component tests (ink-testing-library): options for the App, ANSI stripping, and
// waiting for a frame that matches instead of sleeping a fixed time.
import type {render} from 'ink-testing-library';
import type {Options} from '../../source/types.js';

export type Rendered = ReturnType<typeof render>;

/** Options as flags.ts would produce them for a plain `proctop`, at a fast test refresh. */
export function testOptions(overrides: Partial<Options> = {}): Options {
	return {
		intervalMs: 50,
		sort: 'cpu',
		tree: false,
		threads: false,
		filter: '',
		user: undefined,
		once: false,
		json: false,
		watch: false,
		count: undefined,
		color: true,
		readonly: false,
		pids: undefined,
		pick: false,
		history: {ms: 600_000, label: '10m'},
		theme: 'dark',
		explicit: [],
		...overrides,
	};
}

export const strip = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** The last frame (stripped) once `predicate` holds; fails with the frame after ~3 s. */
export async function frameWith(ui: Rendered, predicate: (text: string) => boolean): Promise<string> {
	for (let attempt = 0; attempt < 150; attempt++) {
		const frame = strip(ui.lastFrame() ?? '');
		if (predicate(frame)) return frame;
		await sleep(20);
	}
	throw new Error(`frame never matched:\n${strip(ui.lastFrame() ?? '')}`);
}

/** Resolves once `reads()` has grown by `more` (refreshes passed); fails after ~3 s. */
export async function afterReads(reads: () => number, more: number): Promise<void> {
	const target = reads() + more;
	for (let attempt = 0; attempt < 300 && reads() < target; attempt++) await sleep(10);
	if (reads() < target) throw new Error(`only ${reads() - target + more} of ${more} refreshes happened`);
}

/** The selected row: the one drawn with the selection's cyan background. */
export const selectedRow = (ui: Rendered) => strip((ui.lastFrame() ?? '').split('\n').find(line => line.includes('\u001b[46m')) ?? '');
