// The threads listed while H (or --threads) shows them: sampled beside each live tick through
// the platform's thread reader, with each thread's CPU% from its own deltas; nothing is read
// while they are hidden (and the kept files are closed then). I/O only through platform.threads.

import {useEffect, useMemo} from 'react';
import type {Platform} from '../../platform/platform.js';
import {createThreadSampler} from '../../sampling/threads.js';
import type {ProcessSample, Snapshot, Source} from '../../types.js';

export function useThreads(options: {show: boolean; live: Snapshot | undefined; platform: Platform; source: Source}): ProcessSample[] | undefined {
	const {show, live, platform, source} = options;
	const sampler = useMemo(
		() => (platform.threads ? createThreadSampler(platform.threads, {clockTicks: source.clockTicks, bootTimeMs: source.bootTimeMs}) : undefined),
		[platform, source],
	);
	// Once per live tick (and at once when H is pressed): the tick is the clock of the deltas.
	const threads = useMemo(() => (show && live && sampler ? sampler.sample(live, false) : undefined), [show, live, sampler]);
	useEffect(() => {
		if (!show) sampler?.forget();
	}, [show, sampler]);
	useEffect(() => () => sampler?.forget(), [sampler]);
	return threads;
}
