// The interactive monitor: wires the sampler hook, the reducer and the key table, and lays out
// header, column titles, the visible rows and the status bar in exactly `rows − 1` lines.
// I/O only through props (the sampler, the platform) and Ink's hooks.

import {Box, useApp} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {createSignaller} from '../actions/signaller.js';
import type {Settings} from '../config.js';
import {type ColumnId, layoutColumns} from '../model/columns.js';
import {countMatches} from '../model/view.js';
import {ProcUnavailableError} from '../platform/linux/procfs.js';
import type {Platform} from '../platform/platform.js';
import {createColumnReads} from '../sampling/column-reads.js';
import type {Sampler} from '../sampling/sampler.js';
import type {HistoryView, Options} from '../types.js';
import {createKeyHandler} from './commands.js';
import {Lines} from './components/Lines.js';
import {costHint} from './cost-hint.js';
import {useDetails} from './hooks/use-details.js';
import {useKeys} from './hooks/use-keys.js';
import {useMessageExpiry} from './hooks/use-message-expiry.js';
import {useProcessActions} from './hooks/use-process-actions.js';
import {useRememberedSettings} from './hooks/use-remembered-settings.js';
import {type InitialSample, useSampler} from './hooks/use-sampler.js';
import {useSelectionSync} from './hooks/use-selection-sync.js';
import {useTagPruning} from './hooks/use-tag-pruning.js';
import {useThreads} from './hooks/use-threads.js';
import {useViewport, type Viewport} from './hooks/use-viewport.js';
import {composeScreen, listedRows, shownColumnIds} from './screen.js';
import {type Action, initialState, reducer, type UiState} from './state.js';

export type AppProps = {
	options: Options;
	sampler: Sampler;
	/**
	 * The OS: header meters, a process's details, and what signals and renice go through
	 * (identity-checked by the signaller made from it). Tests pass a fake one.
	 */
	platform: Platform;
	/** Quitting: lines to print once the terminal is restored (processes left stopped). */
	onQuitNotes?: (notes: string[]) => void;
	/** --pick: Enter hands the chosen pids here and quits. */
	onPick?: (pids: number[]) => void;
	/** y / Y: put text on the clipboard (OSC 52 on the terminal). */
	copyToClipboard?: (text: string) => void;
	/** Remembered settings changed in the UI; returns an error line if they could not be saved. */
	saveSettings?: (settings: Settings) => string | undefined;
	/** Shown in the status bar at start (e.g. a corrupt settings file). */
	startupMessage?: string;
	/** Remembered sort direction. */
	initialInverted?: boolean;
	/** Remembered: kernel threads shown (K). */
	initialShowKernelThreads?: boolean;
	/**
	 * The terminal shows no attributes (TERM=dumb): inverse video is invisible, so the selected
	 * row also carries a '>' in its first cell.
	 */
	markers?: boolean;
	/** How long a status message stays (MESSAGE_MS; tests shorten it). */
	messageMs?: number;
	/** Fixed size for tests; otherwise the terminal's. */
	viewport?: Viewport;
	onQuit?: (reason: 'quit' | 'interrupt') => void;
	/** A sample taken before mounting, so the very first frame shows the table. */
	initial?: InitialSample;
	/** Ctrl+Z: hand the terminal back to the shell (run-interactive owns the terminal). */
	onSuspend?: () => void;
	/** What is remembered of past ticks ({ and } step through it); absent with --history 0. */
	history?: HistoryView;
	/** How much history is kept, as the flag says it ("10m"): for messages. */
	historyWindowLabel?: string;
	/** `--replay FILE`: the history is a recording, shown from its start; there is no live view. */
	replay?: string;
	/** Graphs in plain ASCII (the terminal is not UTF-8, or TERM=dumb). */
	asciiGraphs?: boolean;
};

/** A status message goes after this long; a newer one restarts the clock. */
export const MESSAGE_MS = 8000;

export function App(props: AppProps) {
	const {options, sampler, platform} = props;
	const {exit} = useApp();
	const terminal = useViewport();
	const viewport = props.viewport ?? terminal;
	// The reducer runs eagerly into a ref, so keys that arrive faster than React re-renders
	// (a paste, a fast typist, `/` then text in one read) each see the state the previous one made.
	const [state, setState] = useState<UiState>(() =>
		initialState({
			...options,
			showKernelThreads: props.initialShowKernelThreads,
			showThreads: options.threads,
			inverted: props.initialInverted,
			message: props.startupMessage,
			historyAt: props.replay ? props.history?.range()?.oldest : undefined,
		}),
	);
	const stateRef = useRef(state);
	const dispatch = useCallback((action: Action) => {
		stateRef.current = reducer(stateRef.current, action);
		setState(stateRef.current);
	}, []);
	// I/O rates, status, fds and OOM scores cost reads per process per tick: only while their columns are shown.
	const columnReads = useMemo(() => createColumnReads(platform, sampler.source), [platform, sampler]);
	const shownColumns = useRef<readonly ColumnId[]>([]);
	const sampled = useSampler({
		sampler,
		system: platform.meters,
		intervalMs: state.intervalMs,
		paused: state.paused,
		initial: props.initial,
		afterSample: snapshot => columnReads.update(snapshot, shownColumns.current),
	});
	const live = sampled.snapshot;
	const {history} = props;
	// The header meters are read beside each tick: remembered with it.
	useEffect(() => {
		if (live && sampled.system) history?.noteSystem?.(live.takenAt, sampled.system);
	}, [history, live, sampled.system]);
	// A moment from the past replaces the live tick everywhere on screen; acting stays live-only.
	const past = useMemo(() => (state.historyAt === undefined ? undefined : history?.at(state.historyAt)), [history, state.historyAt]);
	const snapshot = past?.snapshot ?? live;
	const topRef = useRef(0);
	/** Whether the last frame showed the cost hint (it clears at a lower reading than it appears). */
	const costShown = useRef(false);
	const signaller = useMemo(() => createSignaller({platform}), [platform]);
	const onSent = useCallback((key: string, signal: string) => history?.noteSignal?.(key, signal), [history]);
	const actions = useProcessActions({signaller, dispatch, snapshot: live, readonly: options.readonly, onSent});

	// Fatal: the process table cannot be read at all. Anything else shows in the status bar.
	useEffect(() => {
		if (sampled.error instanceof ProcUnavailableError) exit(sampled.error);
		else if (sampled.error) dispatch({type: 'message', text: `sampling failed: ${sampled.error.message}`});
	}, [sampled.error, exit, dispatch]);

	// Threads are read live only: a moment from history has none.
	const liveThreads = useThreads({show: state.showThreads, live, platform, source: sampler.source});
	const threads = past ? undefined : liveThreads;
	const {sort, inverted, tree, collapsed, filter, user, showKernelThreads, showThreads, grouped, openGroups} = state;
	// biome-ignore lint/correctness/useExhaustiveDependencies: the rows depend on exactly these parts of the state.
	const rows = useMemo(
		() => listedRows(snapshot?.processes ?? [], state, options.pids, threads),
		[snapshot, threads, sort, inverted, tree, collapsed, filter, user, showKernelThreads, showThreads, grouped, openGroups, options.pids],
	);
	useRememberedSettings(state, dispatch, props.saveSettings);
	useMessageExpiry(state.message, state.messageSerial, props.messageMs ?? MESSAGE_MS, dispatch);
	useTagPruning(live, stateRef, dispatch);

	const width = Math.max(1, viewport.columns);
	const details = useDetails({open: state.mode === 'details', key: state.detailsKey, snapshot, platform, past: past !== undefined, list: state.detailsList});
	// biome-ignore lint/correctness/useExhaustiveDependencies: `live` is the clock: each tick adds a point to the graph.
	const detailsSeries = useMemo(
		() => (state.mode === 'details' && state.detailsKey && history ? history.seriesOf(state.detailsKey, state.historyAt) : undefined),
		[history, state.mode, state.detailsKey, state.historyAt, live],
	);
	const {cpuGraphs} = state;
	const present = useMemo(() => shownColumnIds(snapshot?.processes ?? [], cpuGraphs, state.columns).join(), [snapshot, cpuGraphs, state.columns]);
	const columns = useMemo(() => layoutColumns(present.split(',') as ColumnId[], width), [present, width]);
	shownColumns.current = columns.map(column => column.id);
	const searching = state.mode === 'search' && state.search !== '';
	const searchMatches = useMemo(() => (searching ? countMatches(rows, state.search) : 0), [rows, searching, state.search]);
	const cost = costHint({
		recentOwnCpuPercent: sampled.own.recentCpuPercent,
		cpuPercentPerCore: snapshot?.cpuPercentPerCore ?? [],
		intervalMs: state.intervalMs,
		shown: costShown.current,
	});
	costShown.current = cost !== undefined;
	const screen = composeScreen({
		state,
		snapshot,
		past,
		system: sampled.system,
		own: sampled.own,
		viewport,
		rows,
		columns,
		previousTop: topRef.current,
		history,
		replay: props.replay,
		details,
		detailsSeries,
		restarted: actions.restarted,
		options,
		markers: props.markers ?? false,
		asciiGraphs: props.asciiGraphs ?? false,
		costHint: cost,
		searchMatches,
		nowMs: Date.now(),
	});
	const {shown, tableHeight} = screen;
	topRef.current = shown.top;
	const selected = rows[shown.selectedIndex];
	useSelectionSync({selected, selectedIndex: shown.selectedIndex, state, stateRef, snapshot, dispatch});

	const scrollLimit = useRef(0);
	const lastClick = useRef<{index: number; at: number} | undefined>(undefined);
	const rowsFor = (next: UiState) => listedRows(snapshot?.processes ?? [], next, options.pids, threads);
	const handler = createKeyHandler({
		stateRef,
		dispatch,
		rows,
		renderedState: state,
		rowsFor,
		selected,
		snapshot,
		tableHeight,
		sortKeysShown: [...new Set(columns.map(column => column.sortKey))],
		actions,
		options,
		exit,
		scrollLimit,
		callbacks: props,
		mouse: {layout: screen.listLayout, lastClick, now: Date.now},
		threadsReadable: platform.threads !== undefined,
		history: history && {
			range: history.range,
			takenAt: history.takenAt,
			seqAt: history.seqAt,
			windowLabel: props.historyWindowLabel ?? '',
			replay: props.replay !== undefined,
		},
	});
	useKeys(handler);

	scrollLimit.current = screen.maxScroll;
	return (
		<Box flexDirection="column" width={width}>
			<Lines lines={screen.lines} />
		</Box>
	);
}
