// Pure CPU maths: per-process and per-core percentages from two cumulative readings.

/**
 * CPU% of one core used by a process between two readings:
 * Δ(utime + stime) ÷ (elapsed seconds × CLK_TCK) × 100, clamped to [0, cores × 100].
 * Returns null when there is no previous reading (first sight of an identity) or no
 * usable elapsed time (0 after a suspend or clock jump), never NaN or Infinity.
 */
export function processCpuPercent(options: {
	previousTicks: number | undefined;
	ticks: number;
	elapsedMs: number;
	clockTicks: number;
	cores: number;
}): number | null {
	const {previousTicks, ticks, elapsedMs, clockTicks, cores} = options;
	if (previousTicks === undefined || !(elapsedMs > 0) || !(clockTicks > 0)) return null;
	const percent = ((ticks - previousTicks) / ((elapsedMs / 1000) * clockTicks)) * 100;
	return clampPercent(percent, Math.max(1, cores) * 100);
}

/** Busy % of one core between two /proc/stat readings; counters going backwards give 0. */
export function coreBusyPercent(previous: {busy: number; total: number} | undefined, current: {busy: number; total: number}): number {
	if (!previous) return 0;
	const total = current.total - previous.total;
	if (!(total > 0)) return 0;
	return clampPercent(((current.busy - previous.busy) / total) * 100, 100);
}

function clampPercent(value: number, max: number): number {
	if (!Number.isFinite(value) || value < 0) return 0;
	return Math.min(value, max);
}
