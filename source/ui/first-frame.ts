// The first frame, before Ink and React have loaded: takes the first sample, and on a terminal
// writes the screen it makes (the same `composeScreen` the App draws with, painted by the same
// `paintLine`) straight to stdout, then hands the terminal to the UI, whose first Ink frame is
// that very frame written over itself: no flicker, no second clear. Loading Ink, React and the
// layout engine (~100 ms) and React's first render (~60 ms) then happen behind a full screen.
// The first sample leaves command lines and owners out when the list's order does not depend on
// them (`DeferredDetails`): they are read for the rows on screen before the paint, for the rest
// after it, before the UI loads (at +5,000 processes: a command line and an owner each, ~80 ms).
// Its APP and SERVICE labels too: the rows on screen are labelled before the paint, the rest on
// the ticks after (the identify stage's budget would have spent ~25 ms on rows nobody sees). And
// the history takes the first tick after the paint, whole (remembering 5,000 processes: ~25 ms).
// I/O: the sampler and meters it is given; writes to stdout and sets stdin's raw mode (the UI's
// runner takes over both, and undoes them on every exit path; until then, this module does).

import chalk from 'chalk';
import type {RememberingSampler} from '../history/remembering-sampler.js';
import {machineCpu, machineMemoryUsed} from '../history/ring.js';
import type {Labelling} from '../identify/identifier.js';
import {canDrawBlocks} from '../model/sparkline.js';
import type {Platform} from '../platform/platform.js';
import {completeSamples, type Sampler} from '../sampling/sampler.js';
import type {HistoryView, Options, Snapshot, Source} from '../types.js';
import type {InitialSample} from './hooks/use-sampler.js';
import {paintLine} from './lines/paint.js';
import {columnsFor, composeScreen, listedRows} from './screen.js';
import {initialState, type UiState} from './state.js';
import {ENTER_ALTERNATE_SCREEN, HIDE_CURSOR, HOME, LEAVE_ALTERNATE_SCREEN, SHOW_CURSOR} from './terminal-codes.js';

export type FirstFrameContext = {
	options: Options;
	sampler: Sampler;
	platform: Platform;
	history?: HistoryView;
	/** Remembered settings the App starts with. */
	inverted?: boolean;
	showKernelThreads?: boolean;
	startupMessage?: string;
	/** A replay starts in the past: the App draws its first frame itself. */
	replay?: string;
	/** The live sampler's details can wait until after the paint (absent: every tick has them). */
	details?: DeferredDetails;
};

/** Command lines, owners and labels read after the first sample rather than in it. */
export type DeferredDetails = {
	/** The next sample leaves them out ('' in its samples); with `holdHistory`, the history takes that tick only once they are all filled in. */
	defer(holdHistory: boolean): void;
	/** Reads them for these pids (all the sample left out when absent), into the snapshot's samples and whatever has remembered them. */
	fill(snapshot: Snapshot, pids?: Iterable<number>): void;
};

/**
 * The details a source can defer (`Source.deferDetails`), filled into the samples and into the
 * history of the sampler that remembers the ticks; undefined when the source cannot defer. With
 * `labelling`, the first tick's APP and SERVICE labels wait too: the rows on screen get theirs
 * with their details, the others on the ticks after, as any process beyond the identify stage's
 * budget does.
 */
export function deferredDetails(source: Source, remembering: RememberingSampler | undefined, labelling?: Labelling): DeferredDetails | undefined {
	const {deferDetails, fillDeferred} = source;
	if (!deferDetails || !fillDeferred) return undefined;
	return {
		defer(holdHistory) {
			deferDetails();
			labelling?.holdNext();
			if (holdHistory) remembering?.holdNext();
		},
		fill(snapshot, pids) {
			const completed = completeSamples(snapshot.processes, fillDeferred(pids));
			const labelled = pids && labelling ? labelling.labelNow(snapshot, pids) : [];
			// A tick the history took already gets them now; a held one is taken whole after the last fill.
			remembering?.history.completeNewest([...completed, ...labelled]);
			if (pids === undefined) remembering?.recordHeld();
		},
	};
}

/** Sort keys read from what the first sample defers: a command line's owner, or a label. */
const SORTED_BY_DETAILS: ReadonlySet<UiState['sort']> = new Set(['user', 'app', 'service', 'cgroup']);

/** Whether the rows listed, or their order, depend on every process's command line, owner or labels. */
export function listingNeedsDetails(state: UiState): boolean {
	return state.filter !== '' || state.search !== '' || state.user !== undefined || SORTED_BY_DETAILS.has(state.sort) || state.grouped;
}

/**
 * The history as it will be once it has taken the held first tick: the header's machine graphs
 * show that tick from the first frame on, as Ink's first frame will.
 */
function withHeldTick(history: HistoryView, snapshot: Snapshot): HistoryView {
	// The header meters are noted beside a tick only once the UI draws it: none yet.
	const series = {cpuPercent: [machineCpu(snapshot.cpuPercentPerCore)], memoryUsed: [machineMemoryUsed(undefined)]};
	return {...history, machineSeries: () => series};
}

/** What the App starts from; `painted` when the frame is already on the terminal. */
export type FirstFrame = {
	initial: InitialSample;
	painted?: {
		/** The UI's runner now owns the terminal (its exit paths restore it): drop this module's. */
		release(): void;
		/** Give the terminal back (the UI could not start). */
		undo(): void;
	};
};

/** TERM=dumb shows no attributes (chalk then writes none): the selection is marked with '>'. */
export function wantsMarkers(): boolean {
	return process.env.TERM === 'dumb' || chalk.level === 0;
}

/** Graphs in plain ASCII when the terminal cannot draw block characters. */
export function wantsAsciiGraphs(): boolean {
	return !canDrawBlocks(process.env);
}

/**
 * Samples before anything is drawn, so the first frame is a full table; a fatal sampling error
 * (no /proc) surfaces here, before the terminal has been touched. The header meters get as long
 * as the sample took: they are usually read by then.
 */
async function sampleFirst(context: FirstFrameContext): Promise<Required<Pick<InitialSample, 'snapshot' | 'own'>> & InitialSample> {
	const headerReading = context.platform.meters.read().catch(() => undefined);
	const snapshot = await context.sampler.sample();
	const system = await Promise.race([headerReading, new Promise<undefined>(resolve => setImmediate(resolve, undefined))]);
	return {snapshot, system, own: {cpuPercent: null, recentCpuPercent: null, residentBytes: process.memoryUsage.rss()}};
}

export async function firstFrame(context: FirstFrameContext): Promise<FirstFrame> {
	const {stdout, stdin} = process;
	const {options} = context;
	const state = initialState({
		...options,
		showKernelThreads: context.showKernelThreads,
		showThreads: options.threads,
		inverted: context.inverted,
		message: context.startupMessage,
	});
	// --pick into a pipe draws on /dev/tty, which the runner opens; a replay starts in the past.
	const painting = stdout.isTTY === true && stdin.isTTY === true && context.replay === undefined;
	const details = painting && !listingNeedsDetails(state) ? context.details : undefined;
	// The history takes the first tick after the paint (~25 ms at +5,000 processes), unless the
	// CPU graph column shows: it appears once the history has a tick.
	const holdHistory = !state.cpuGraphs;
	details?.defer(holdHistory);
	const initial = await sampleFirst(context);
	if (!painting) return {initial};
	const processes = initial.snapshot.processes;
	const viewport = {columns: stdout.columns || 80, rows: stdout.rows || 24};
	const rows = listedRows(processes, state, options.pids);
	// The screen cannot list more rows than it has lines: theirs are all the details it shows.
	details?.fill(
		initial.snapshot,
		rows.slice(0, viewport.rows).map(row => row.process.pid),
	);
	const screen = composeScreen({
		state,
		snapshot: initial.snapshot,
		system: initial.system,
		own: initial.own,
		viewport,
		rows,
		columns: columnsFor(processes, state.cpuGraphs, Math.max(1, viewport.columns), state.columns),
		previousTop: 0,
		history: details && holdHistory && context.history ? withHeldTick(context.history, initial.snapshot) : context.history,
		restarted: new Set(),
		options,
		markers: wantsMarkers(),
		asciiGraphs: wantsAsciiGraphs(),
		searchMatches: 0,
		nowMs: Date.now(),
	});
	const undo = () => {
		release();
		try {
			stdin.setRawMode(false);
		} catch {}
		stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
	};
	const onSignal = (signal: NodeJS.Signals) => {
		undo();
		process.kill(process.pid, signal);
	};
	const signals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
	const release = () => {
		for (const signal of signals) process.off(signal, onSignal);
		process.off('exit', undo);
	};
	for (const signal of signals) process.once(signal, onSignal);
	process.once('exit', undo);
	// Raw now, not when Ink mounts: a key typed while the UI loads must not be echoed over the frame.
	stdin.setRawMode(true);
	// Each line as Ink's output stage writes it (trailing blanks trimmed); the cursor ends at the top
	// left, where Ink starts its first frame: the same text over itself.
	const frame = screen.lines.map(line => paintLine(line).trimEnd()).join('\n');
	stdout.write(`${ENTER_ALTERNATE_SCREEN}${HIDE_CURSOR}${HOME}${frame}\n${HOME}`);
	// The rest before the UI sees the sample: search, filters and the history need every process's.
	details?.fill(initial.snapshot);
	return {initial, painted: {release, undo}};
}
