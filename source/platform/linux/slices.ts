// Time slices for the table read's walk of /proc: the walk lets the event loop in (a key press,
// a scrape) once it has worked SLICE_MS, whatever the machine's speed. No I/O beyond the clock.

/**
 * How long the walk works before it yields. A fixed count (1,000 stat files per slice) was ~10 ms
 * on one machine and 20–40 ms on a busy 2-core one, which a key press then waited out.
 */
export const SLICE_MS = 8;

/** Steps between two looks at the clock: reading it costs more than a step of the walk. */
const STEPS_PER_LOOK = 64;

/** Whether the walk has worked its slice (`due`, once per STEPS_PER_LOOK steps); `restart` after yielding. */
export type SliceTimer = {due(): boolean; restart(): void};

/** On the monotonic clock; process.hrtime, as `performance` would load perf_hooks before the first frame. */
export function sliceTimer(sliceMs = SLICE_MS, nowMs = monotonicMs): SliceTimer {
	let steps = 0;
	let startedMs = nowMs();
	return {
		due() {
			if (++steps < STEPS_PER_LOOK) return false;
			steps = 0;
			return nowMs() - startedMs >= sliceMs;
		},
		restart() {
			steps = 0;
			startedMs = nowMs();
		},
	};
}

function monotonicMs(): number {
	const [seconds, nanoseconds] = process.hrtime();
	return seconds * 1000 + nanoseconds / 1e6;
}
