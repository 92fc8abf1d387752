// A sampler whose every tick is also remembered in the history (what { and } step through).
// No I/O of its own: the wrapped sampler reads.

import type {Sampler} from '../sampling/sampler.js';
import {yieldToEvents} from '../sampling/yield.js';
import type {History} from './ring.js';

export function rememberingSampler(sampler: Sampler, history: History): Sampler {
	return {
		source: sampler.source,
		async sample() {
			const snapshot = await sampler.sample();
			await yieldToEvents();
			history.record(snapshot);
			return snapshot;
		},
	};
}
