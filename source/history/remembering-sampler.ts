// A sampler whose every tick is also remembered in the history (what { and } step through).
// No I/O of its own: the wrapped sampler reads.

import type {Sampler} from '../sampling/sampler.js';
import {yieldToEvents} from '../sampling/yield.js';
import type {Snapshot} from '../types.js';
import type {History} from './ring.js';

export type RememberingSampler = Sampler & {
	readonly history: History;
	/**
	 * The next tick is remembered only by `recordHeld()`: the first frame paints before the history
	 * takes its tick (remembering 5,000 new processes is ~25 ms), and the tick is then remembered
	 * whole, with the command lines and owners read after the paint.
	 */
	holdNext(): void;
	/** Remembers the held tick, if one is held. */
	recordHeld(): void;
};

export function rememberingSampler(sampler: Sampler, history: History): RememberingSampler {
	let holding = false;
	let held: Snapshot | undefined;
	function recordHeld() {
		if (held) history.record(held);
		held = undefined;
	}
	return {
		source: sampler.source,
		history,
		async sample() {
			const snapshot = await sampler.sample();
			// A held tick nobody recorded (the first frame gave up) is still remembered, in its order.
			recordHeld();
			if (holding) {
				holding = false;
				held = snapshot;
				return snapshot;
			}
			await yieldToEvents();
			history.record(snapshot);
			return snapshot;
		},
		holdNext() {
			holding = true;
		},
		recordHeld,
	};
}
