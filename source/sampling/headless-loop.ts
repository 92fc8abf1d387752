// Sampling with no UI (`--serve`, `--record` without a terminal): one tick every interval until
// SIGTERM or SIGINT, or `count` ticks. Whatever the sampler feeds (metrics, a recording) does the
// work. Owns the two signal handlers while it runs.

import type {Sampler} from './sampler.js';

export async function sampleUntilStopped(sampler: Sampler, options: {intervalMs: number; count?: number}): Promise<void> {
	let stopping = false;
	let wake: (() => void) | undefined;
	const stop = () => {
		stopping = true;
		wake?.();
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
	let taken = 0;
	try {
		while (!stopping) {
			await sampler.sample();
			if (options.count !== undefined && ++taken >= options.count) break;
			// The timer holds the process open between ticks (nothing else may); a stop clears it.
			await new Promise<void>(resolve => {
				const timer = setTimeout(resolve, options.intervalMs);
				wake = () => {
					clearTimeout(timer);
					resolve();
				};
			});
		}
	} finally {
		process.off('SIGTERM', stop);
		process.off('SIGINT', stop);
	}
}
