// The one rule for a refresh interval, shared by --interval, -d/--delay, the d prompt and the
// settings file (pure). Below 0.1 s proctop would spend its time sampling; above an hour Node's
// timers are still exact, but nobody means it, and 1e9 s once overflowed a timer into a 1 ms spin.

export const INTERVAL_MIN_MS = 100;
export const INTERVAL_MAX_MS = 3_600_000;

/** How the limits read in messages: "0.1 s to 1 hour". */
export const INTERVAL_RANGE_TEXT = 'from 0.1 to 3600 seconds (1 hour)';

/** The interval in whole ms, or undefined when `seconds` is not a number within the limits. */
export function intervalFromSeconds(seconds: number): number | undefined {
	if (!Number.isFinite(seconds)) return undefined;
	const ms = Math.round(seconds * 1000);
	return ms >= INTERVAL_MIN_MS && ms <= INTERVAL_MAX_MS ? ms : undefined;
}

export function isValidIntervalMs(ms: unknown): ms is number {
	return typeof ms === 'number' && Number.isFinite(ms) && ms >= INTERVAL_MIN_MS && ms <= INTERVAL_MAX_MS;
}
