// `--record FILE`: every tick (and the header meters read beside it) appended to the recording,
// beside the UI or headless (sampling/headless-loop.ts; nothing on stdout). I/O: through the
// writer, sampler and meters it is given.

import type {SystemReader} from '../platform/meters.js';
import type {Sampler} from '../sampling/sampler.js';
import {yieldToEvents} from '../sampling/yield.js';
import {createFrameEncoder} from './format.js';

export type FrameWriter = {write(frame: Buffer): void; close(): void};

/** A sampler whose every tick is also written to the recording. */
export function recordingSampler(sampler: Sampler, writer: FrameWriter, meters: SystemReader): Sampler {
	// Sliced, with the event loop let in between (see createFrameEncoder): keys stay answered.
	const encode = createFrameEncoder(undefined, yieldToEvents);
	return {
		source: sampler.source,
		async sample() {
			const [snapshot, system] = await Promise.all([sampler.sample(), meters.read().catch(() => undefined)]);
			await yieldToEvents();
			writer.write(await encode(snapshot, system));
			return snapshot;
		},
	};
}
