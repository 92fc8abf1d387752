// The interactive monitor: wires the sampler hook, the reducer and the key table, and lays out
// header, column titles, the visible rows and the status bar in exactly `rows − 1` lines.
// I/O only through props (the sampler, the platform) and Ink's hooks.

import React, {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {Box, useApp, useInput, useStdin, type Key} from 'ink';
import type {Options} from '../types.js';
import type {Sampler} from '../sampling/sampler.js';
import type {SystemReader} from '../platform/meters.js';
import {ProcUnavailableError} from '../platform/linux/procfs.js';
import {TABLE_COLUMNS, layoutColumns} from '../model/columns.js';
import {splitKeys} from './keymap.js';
import {createKeyHandler} from './commands.js';
import {headerLines} from './lines/meters.js';
import {helpScreen, menuLines, sortMenu, userMenu} from './lines/menus.js';
import {functionKeyNumber} from './function-keys.js';
import {processRow} from './lines/row.js';
import {fitLine, markFirstCell, mergeSegments, monochrome, trimEnd, type Line} from './lines/segments.js';
import {initialState, reducer, type Action, type UiState} from './state.js';
import {statusLine, titleLine} from './lines/status.js';
import {buildRows, highlightFor, windowRows} from '../model/view.js';
import {useSampler, type InitialSample} from './hooks/use-sampler.js';
import {useProcessActions} from './hooks/use-process-actions.js';
import {createSignaller} from '../actions/signaller.js';
import type {Platform} from '../platform/platform.js';
import type {ProcessDetails} from '../platform/linux/details.js';
import type {ProcessSample} from '../types.js';
import {confirmLines, signalMenuLines} from './lines/action-views.js';
import {detailLines} from './lines/details-view.js';
import type {Settings} from '../config.js';
import {useViewport, type Viewport} from './hooks/use-viewport.js';
import {Lines} from './components/Lines.js';
import {costHint} from './cost-hint.js';

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
};

/** Lines left for the table once the header, title and status bar are placed. */
const MIN_TABLE_ROWS = 3;
const BLANK_LINE: Line = [{text: ' '}];
/** A status message goes after this long; a newer one restarts the clock. */
export const MESSAGE_MS = 8000;
const SELECTED = {backgroundColor: 'cyan', color: 'black'} as const;

export function App(props: AppProps) {
	const {options, sampler, platform} = props;
	const {exit} = useApp();
	const terminal = useViewport();
	const viewport = props.viewport ?? terminal;
	// The reducer runs eagerly into a ref, so keys that arrive faster than React re-renders
	// (a paste, a fast typist, `/` then text in one read) each see the state the previous one made.
	const [state, setState] = useState<UiState>(() => ({
		...initialState({...options, showKernelThreads: props.initialShowKernelThreads}),
		inverted: props.initialInverted ?? false,
		message: props.startupMessage,
	}));
	const stateRef = useRef(state);
	const dispatch = useCallback((action: Action) => {
		stateRef.current = reducer(stateRef.current, action);
		setState(stateRef.current);
	}, []);
	const sampled = useSampler({sampler, system: platform.meters, intervalMs: state.intervalMs, paused: state.paused, initial: props.initial});
	const {snapshot} = sampled;
	const topRef = useRef(0);
	/** Whether the last frame showed the cost hint (it clears at a lower reading than it appears). */
	const costShown = useRef(false);
	const signaller = useMemo(() => createSignaller({platform}), [platform]);
	const actions = useProcessActions({signaller, dispatch, snapshot, readonly: options.readonly});

	// Fatal: the process table cannot be read at all. Anything else shows in the status bar.
	useEffect(() => {
		if (sampled.error instanceof ProcUnavailableError) exit(sampled.error);
		else if (sampled.error) dispatch({type: 'message', text: `sampling failed: ${sampled.error.message}`});
	}, [sampled.error, exit]);

	const rows = useMemo(
		() => buildRows(snapshot?.processes ?? [], {...state, pids: options.pids}),
		[snapshot, state.sort, state.inverted, state.tree, state.collapsed, state.filter, state.user, state.showKernelThreads, options.pids],
	);

	// Remember what the user changes here (not what flags set): sort, direction, tree, interval, K.
	const settingsKey = `${state.sort}|${state.inverted}|${state.tree}|${state.intervalMs}|${state.showKernelThreads}`;
	const savedKey = useRef(settingsKey);
	useEffect(() => {
		if (settingsKey === savedKey.current || !props.saveSettings) return;
		savedKey.current = settingsKey;
		const error = props.saveSettings({sort: state.sort, inverted: state.inverted, tree: state.tree, intervalMs: state.intervalMs, showKernelThreads: state.showKernelThreads});
		if (error) dispatch({type: 'message', text: error});
	}, [settingsKey]);

	// Messages expire, so "790 sleep exited" does not sit there for minutes.
	useEffect(() => {
		if (state.message === undefined) return;
		const serial = state.messageSerial;
		const timer = setTimeout(() => dispatch({type: 'expire-message', serial}), props.messageMs ?? MESSAGE_MS);
		return () => clearTimeout(timer);
	}, [state.messageSerial, state.message === undefined]);

	// Tags go with their processes: an exited tagged process would otherwise stay tagged
	// invisibly and make k act on nothing. Say when the tagged set shrank.
	useEffect(() => {
		const {tagged} = stateRef.current;
		if (!snapshot || tagged.size === 0) return;
		const alive = new Set(snapshot.processes.map(process => process.key));
		const gone = [...tagged].filter(key => !alive.has(key));
		if (gone.length === 0) return;
		const left = tagged.size - gone.length;
		const exited = gone.length === 1 ? 'a tagged process exited' : `${gone.length} tagged processes exited`;
		dispatch({type: 'untag', keys: gone, message: `${exited}; ${left === 0 ? 'none tagged now' : `${left} still tagged`}`});
	}, [snapshot]);

	// Layout: the frame is rows − 1 lines (a taller frame makes Ink clear the screen each time).
	const width = Math.max(1, viewport.columns);
	const frameHeight = Math.max(1, viewport.rows - 1);
	const overlay = state.mode === 'help' || state.mode === 'users' || state.mode === 'sort' || state.mode === 'signal' || state.mode === 'details';
	// The header may take up to ~45% of the frame: on short terminals the process list matters more.
	const headerBudget = overlay ? 0 : Math.max(0, Math.min(frameHeight - 2 - MIN_TABLE_ROWS, Math.floor(frameHeight * 0.45)));
	const header = headerLines({snapshot, system: sampled.system, own: sampled.own, width, maxLines: headerBudget, limited: snapshot?.limited ?? false});
	const tableHeight = Math.max(0, frameHeight - header.length - 2);
	const shown = windowRows(rows, {selectedKey: state.selectedKey, selectedIndex: state.selectedIndex, height: tableHeight, previousTop: topRef.current, following: state.following});
	topRef.current = shown.top;
	const selected = rows[shown.selectedIndex];
	const scrollLimit = useRef(0);
	// The details view stays on the process it opened on, even after it exits (its last values).
	const detailsSeen = useRef<{process: ProcessSample; details: ProcessDetails | undefined; exitedAt?: number} | undefined>(undefined);
	const detailsLive = state.mode === 'details' ? snapshot?.processes.find(process => process.key === state.detailsKey) : undefined;
	const details = useMemo(
		() => (detailsLive && platform.readDetails ? platform.readDetails(detailsLive.pid) : undefined),
		// Re-read on every new snapshot while the view is open: the details are live.
		[state.mode, detailsLive?.key, snapshot],
	);
	if (state.mode !== 'details') detailsSeen.current = undefined;
	else if (detailsLive) detailsSeen.current = {process: detailsLive, details};
	else if (detailsSeen.current && detailsSeen.current.exitedAt === undefined) detailsSeen.current = {...detailsSeen.current, exitedAt: snapshot?.takenAt ?? Date.now()};
	const byPid = useMemo(() => new Map(snapshot?.processes.map(process => [process.pid, process])), [snapshot]);
	const parentsOf = (process: ProcessSample): ProcessSample[] => {
		const chain: ProcessSample[] = [];
		let parent = process.ppid !== process.pid ? byPid.get(process.ppid) : undefined;
		while (parent && !chain.includes(parent) && chain.length < 1000) {
			chain.push(parent);
			parent = parent.ppid !== parent.pid ? byPid.get(parent.ppid) : undefined;
		}
		return chain;
	};
	const childrenOf = (process: ProcessSample) => snapshot?.processes.filter(child => child.ppid === process.pid && child.pid !== process.pid).length ?? 0;

	// Keep the reducer's selection in step with what is shown: a process that exited (or was
	// filtered away) hands the selection to the row now at its place, and says so if it exited.
	useEffect(() => {
		if (!selected || selected.process.key === state.selectedKey) return;
		// Keys handled since this frame was drawn (a Down, a filter typed before this effect ran)
		// make its view of the selection stale: the next frame, drawn from that state, resolves it.
		if (stateRef.current !== state) return;
		const exited = state.selectedKey === undefined ? undefined : snapshot?.changes.exited.find(gone => gone.key === state.selectedKey);
		dispatch({type: 'select', key: selected.process.key, index: shown.selectedIndex, message: exited ? `${exited.pid} ${exited.name} exited` : undefined});
		if (exited && state.following) dispatch({type: 'toggle-follow'});
	}, [selected?.process.key, state, snapshot]);

	const columns = useMemo(() => layoutColumns(TABLE_COLUMNS, width), [width]);
	const query = state.mode === 'search' || (state.search && !state.filter) ? state.search : state.filter;
	const searchMatches = useMemo(() => (state.mode === 'search' && state.search ? rows.filter(row => highlightFor(row.process, state.search)).length : 0), [rows, state.mode, state.search]);

	// Ink hands over a whole read at once ("/kdev" when typed fast or pasted): take it key by key.
	const handler = createKeyHandler({
		stateRef, dispatch, rows, renderedState: state, rowsFor: next => buildRows(snapshot?.processes ?? [], {...next, pids: options.pids}),
		selected, snapshot, tableHeight, actions, options, exit, scrollLimit, callbacks: props,
	});
	// Input goes to the handler of the latest render, not to the one of the render whose effects
	// last ran: a key pressed just after a frame appeared must see the rows that frame shows.
	const latestHandler = useRef(handler);
	latestHandler.current = handler;
	const onInput = useCallback((input: string, key: Key) => {
		for (const press of splitKeys(input, key)) latestHandler.current.onKey(press.input, press.key);
	}, []);
	useInput(onInput);
	// Ink's useInput never reports F1–F12: read them from the raw input it hands its listeners.
	const {internal_eventEmitter: rawInput} = useStdin();
	useEffect(() => {
		const listener = (data: string) => {
			const number = functionKeyNumber(data);
			if (number !== undefined) latestHandler.current.onFunctionKey(number);
		};
		rawInput?.on('input', listener);
		return () => void rawInput?.off('input', listener);
	}, [rawInput]);

	let body: Line[];
	const shownDetails = detailsSeen.current;
	if (state.mode === 'details' && shownDetails) {
		const {process} = shownDetails;
		const all = detailLines({process, details: shownDetails.details, parents: parentsOf(process), children: childrenOf(process), nowMs: Date.now(), width, exitedAt: shownDetails.exitedAt, wholeCommand: state.detailsWholeCommand});
		const room = frameHeight - 1;
		scrollLimit.current = Math.max(0, all.length - room);
		const top = Math.min(state.detailsScroll, scrollLimit.current);
		body = all.slice(top, top + room);
	} else if (state.mode === 'signal') {
		body = signalMenuLines({targets: state.targets, index: state.menuIndex, typed: state.typed, width, height: frameHeight - 1, startTimes: new Map(snapshot?.processes.map(process => [process.key, process.startTimeMs]))});
	} else if (state.mode === 'help') {
		const help = helpScreen({width, height: frameHeight - 1, scroll: state.helpScroll, readonly: options.readonly});
		scrollLimit.current = help.maxScroll;
		body = help.lines;
	}
	else if (state.mode === 'users') body = menuLines('Show processes of', userMenu(snapshot?.processes ?? []), state.menuIndex, width, frameHeight - 1);
	else if (state.mode === 'sort') body = menuLines('Sort by', sortMenu(), state.menuIndex, width, frameHeight - 1);
	else {
		body = [titleLine(columns, state, snapshot?.cpuKind ?? 'delta', width)];
		shown.visible.forEach((row, offset) => {
			const isSelected = shown.top + offset === shown.selectedIndex;
			let line = fitLine(processRow({row, columns, match: query ? highlightFor(row.process, query) : undefined, tagged: state.tagged.has(row.process.key), restarted: actions.restarted.has(row.process.key)}), width);
			if (isSelected) line = line.map(segment => (options.color ? {...segment, ...SELECTED, dim: false} : {...segment, inverse: true}));
			if (isSelected && props.markers) line = markFirstCell(line);
			body.push(line);
		});
		if (!snapshot) body.push(fitLine([{text: 'reading the process table…', dim: true}], width));
	}
	const cost = costHint({recentOwnCpuPercent: sampled.own.recentCpuPercent, cpuPercentPerCore: snapshot?.cpuPercentPerCore ?? [], intervalMs: state.intervalMs, shown: costShown.current});
	costShown.current = cost !== undefined;
	const status = statusLine({state, width, shown: rows.length, total: snapshot?.processes.length ?? 0, searchMatches, pick: options.pick, costHint: cost, readonly: options.readonly});
	// The y/n question sits just above the status bar, over the bottom of the table.
	if (state.mode === 'confirm' && state.confirm) body = [...body.slice(0, Math.max(0, frameHeight - 1 - header.length - 3)), ...confirmLines(state.confirm, width)];
	let lines = [...header, ...body].slice(0, Math.max(0, frameHeight - 1));
	if (!options.color) lines = lines.map(monochrome);
	lines = lines.map(line => trimEnd(mergeSegments(line)));
	// The status bar sits on the last line, as in htop, however few rows there are above it
	// (a blank line must hold a space: Ink lays out an empty text as no line at all).
	while (lines.length < frameHeight - 1) lines.push(BLANK_LINE);
	lines.push(trimEnd(mergeSegments(options.color ? status : monochrome(status))));
	return (
		<Box flexDirection="column" width={width}>
			<Lines lines={lines} />
		</Box>
	);
}
