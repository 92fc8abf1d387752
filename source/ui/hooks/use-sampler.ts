// Drives the sampler: one sample now, then one `intervalMs` after each sample completes
// (setTimeout, never setInterval, so a slow tick never piles up). Also reads the header meters
// and proctop's own CPU and memory. Pausing stops sampling altogether.

import {useEffect, useRef, useState} from 'react';
import type {SystemReader} from '../../platform/meters.js';
import type {Sampler} from '../../sampling/sampler.js';
import type {Snapshot, SystemSample} from '../../types.js';
import {recentMean} from '../cost-hint.js';
import type {OwnUsage} from '../lines/meters.js';

/** Ticks of own CPU kept for the recent mean: a few seconds, so one slow tick is not a trend. */
const RECENT_TICKS = 5;

export type Sampled = {
	snapshot: Snapshot | undefined;
	system: (SystemSample & {cpuPercentPerCore?: number[]}) | undefined;
	own: OwnUsage;
	error: Error | undefined;
};

/** A sample taken before mounting (`own`: proctop's RSS then, so the first frame is the one painted before Ink). */
export type InitialSample = {snapshot: Snapshot; system?: Sampled['system']; own?: OwnUsage};

/**
 * `initial` is a sample taken before the first render (so the first frame is already full);
 * the next one then comes an interval later rather than at once.
 */
export function useSampler(options: {
	sampler: Sampler;
	system: SystemReader;
	intervalMs: number;
	paused: boolean;
	initial?: InitialSample;
	/** Runs on each new sample before it is shown (the I/O rates, while their columns are). */
	afterSample?: (snapshot: Snapshot) => void;
}): Sampled {
	const {sampler, system, intervalMs, paused, initial} = options;
	const afterSample = useRef(options.afterSample);
	afterSample.current = options.afterSample;
	// Initial values made once (lazy initialisers), not as arguments evaluated on every render.
	const [sampled, setSampled] = useState<Sampled>(() => ({
		snapshot: initial?.snapshot,
		system: initial?.system,
		own: initial?.own ?? {cpuPercent: null, recentCpuPercent: null, residentBytes: process.memoryUsage.rss()},
		error: undefined,
	}));
	const [startedAt] = useState(() => (initial ? {cpu: process.cpuUsage(), at: performance.now()} : undefined));
	const usage = useRef<{cpu: NodeJS.CpuUsage; at: number} | undefined>(startedAt);
	const waitFirst = useRef(initial !== undefined);
	const recentCpu = useRef<number[]>([]);

	// biome-ignore lint/correctness/useExhaustiveDependencies: `initial` seeds the first tick only (read through refs); a new one must not restart sampling.
	useEffect(() => {
		if (paused) return;
		// A new interval (or a resume) is a new cost: judge it on its own ticks.
		recentCpu.current = [];
		let cancelled = false;
		let timer: NodeJS.Timeout | undefined;
		const tick = async () => {
			try {
				// Process table and header meters together: one state change, so one frame per tick.
				const [snapshot, header] = await Promise.all([sampler.sample(), system.read().catch(() => undefined)]);
				if (cancelled) return;
				afterSample.current?.(snapshot);
				const now = performance.now();
				const cpu = process.cpuUsage();
				const previous = usage.current;
				const cpuPercent =
					previous && now > previous.at ? ((cpu.user - previous.cpu.user + cpu.system - previous.cpu.system) / 1000 / (now - previous.at)) * 100 : null;
				if (cpuPercent !== null) recentCpu.current = [...recentCpu.current, cpuPercent].slice(-RECENT_TICKS);
				const own: OwnUsage = {cpuPercent, recentCpuPercent: recentMean(recentCpu.current), residentBytes: process.memoryUsage.rss()};
				usage.current = {cpu, at: now};
				setSampled(current => ({...current, snapshot, system: header ?? current.system, own, error: undefined}));
			} catch (error) {
				if (!cancelled) setSampled(current => ({...current, error: error instanceof Error ? error : new Error(String(error))}));
			}
			if (!cancelled) timer = setTimeout(tick, intervalMs);
		};
		if (waitFirst.current) {
			waitFirst.current = false;
			timer = setTimeout(tick, intervalMs);
			if (!initial?.system)
				system.read().then(
					header => !cancelled && setSampled(current => ({...current, system: header})),
					() => {},
				);
		} else void tick();
		return () => {
			cancelled = true;
			clearTimeout(timer);
		};
	}, [sampler, system, intervalMs, paused]);

	return sampled;
}
