// Pure: whether to tell the user that proctop's own cost has become noticeable, and what to say.
// proctop never slows its refresh on its own (that would silently trade away accuracy); it says
// what it costs and names the key that lets the user choose a slower refresh.

/** Thresholds, as data: the README and tests read the same numbers. */
export const COST_HINT = {
	/** proctop's own CPU, % of one core averaged over recent ticks, that is worth a word. */
	ownCpuPercent: 20,
	/** When the cores are this busy on average, even a smaller own cost competes with the user's work… */
	saturatedMachinePercent: 90,
	/** (…and the machine counts as saturated for a hint already shown until it falls below this) */
	saturatedMachineClearPercent: 80,
	/** …from this much own CPU… */
	ownCpuWhenSaturated: 5,
	/** …at refreshes faster than this. */
	saturatedBelowIntervalMs: 3000,
	/** Once shown, a hint stays until its readings fall this far below the thresholds, so a cost
	 * hovering at a threshold does not make the status bar flicker. */
	clearBelow: 0.75,
} as const;

export type CostInput = {
	/** proctop's own CPU over recent ticks (null until a few ticks are known). */
	recentOwnCpuPercent: number | null;
	/** Busy % of each core over the last tick. */
	cpuPercentPerCore: readonly number[];
	intervalMs: number;
	/** Whether the previous frame showed a hint. */
	shown: boolean;
};

export function costHint(input: CostInput): string | undefined {
	const own = input.recentOwnCpuPercent;
	if (own === null) return undefined;
	const scale = input.shown ? COST_HINT.clearBelow : 1;
	const refresh = `${input.intervalMs / 1000}s refresh`;
	if (own >= COST_HINT.ownCpuPercent * scale) return `proctop uses ${Math.round(own)}% CPU at a ${refresh}; d sets a slower one`;
	const cores = input.cpuPercentPerCore;
	const machine = cores.length > 0 ? cores.reduce((sum, core) => sum + core, 0) / cores.length : 0;
	const saturated = machine >= (input.shown ? COST_HINT.saturatedMachineClearPercent : COST_HINT.saturatedMachinePercent);
	if (saturated && own >= COST_HINT.ownCpuWhenSaturated * scale && input.intervalMs < COST_HINT.saturatedBelowIntervalMs) {
		return `CPUs are saturated and proctop takes ${Math.round(own)}% at a ${refresh}; d sets a slower one`;
	}
	return undefined;
}

/** Mean of the last few per-tick readings, once there are enough to mean something. */
export function recentMean(readings: readonly number[], enough = 3): number | null {
	if (readings.length < enough) return null;
	return readings.reduce((sum, value) => sum + value, 0) / readings.length;
}

/** The README's description of the hint, from the same thresholds. */
export function costHintMarkdown(): string {
	return [
		`**proctop says what it costs.** When its own CPU averages ${COST_HINT.ownCpuPercent} % of a core or more over the last few`,
		`ticks, or when the cores average ${COST_HINT.saturatedMachinePercent} % busy or more and proctop takes ${COST_HINT.ownCpuWhenSaturated} % or more at a refresh faster`,
		`than ${COST_HINT.saturatedBelowIntervalMs / 1000} s, the status bar says so (\`proctop uses 24% CPU at a 0.2s refresh; d sets a slower one\`).`,
		'It never slows its refresh by itself: that would quietly trade away accuracy; `d` lets you choose.',
		`The hint clears once the cost falls to ${Math.round(COST_HINT.clearBelow * 100)} % of its threshold (or the cores to ${COST_HINT.saturatedMachineClearPercent} %), so it cannot flicker.`,
	].join('\n');
}
