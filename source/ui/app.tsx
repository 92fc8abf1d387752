// The interactive monitor: wires the sampler hook, the reducer and the key table, and lays out
// header, column titles, the visible rows and the status bar in exactly `rows − 1` lines.
// I/O only through props (sampler, system reader) and Ink's hooks.

import React, {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {Box, useApp, useInput} from 'ink';
import type {Options} from '../types.js';
import type {Sampler} from '../sampling/sampler.js';
import type {SystemReader} from '../sampling/sources/system.js';
import {ProcUnavailableError} from '../sampling/sources/procfs.js';
import {TABLE_COLUMNS, layoutColumns} from './columns.js';
import {splitKeys} from './keymap.js';
import {createKeyHandler} from './key-handler.js';
import {headerLines} from './meters.js';
import {helpLines, menuLines, sortMenu, userMenu} from './menus.js';
import {processRow} from './row.js';
import {fitLine, mergeSegments, monochrome, trimEnd, type Line} from './segments.js';
import {initialState, reducer, type Action, type UiState} from './state.js';
import {statusLine, titleLine} from './status.js';
import {buildRows, highlightFor, windowRows} from './view.js';
import {useSampler, type InitialSample} from './hooks/use-sampler.js';
import {useProcessActions} from './hooks/use-process-actions.js';
import type {Signaller} from '../signals.js';
import type {ProcessDetails} from '../sampling/sources/details.js';
import type {ProcessSample} from '../types.js';
import {confirmLines, signalMenuLines} from './action-views.js';
import {detailLines} from './details-view.js';
import type {Settings} from '../config.js';
import {useViewport, type Viewport} from './hooks/use-viewport.js';
import {Lines} from './components/Lines.js';
import {costHint} from './cost-hint.js';

export type AppProps = {
	options: Options;
	sampler: Sampler;
	system: SystemReader;
	/** Sends signals and renices (identity-checked); tests pass one with a fake kill. */
	signaller: Signaller;
	/** Reads one process's details on demand (procfs on Linux). */
	readDetails?: (pid: number) => ProcessDetails;
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
const SELECTED = {backgroundColor: 'cyan', color: 'black'} as const;

export function App(props: AppProps) {
	const {options, sampler, system} = props;
	const {exit} = useApp();
	const terminal = useViewport();
	const viewport = props.viewport ?? terminal;
	// The reducer runs eagerly into a ref, so keys that arrive faster than React re-renders
	// (a paste, a fast typist, `/` then text in one read) each see the state the previous one made.
	const [state, setState] = useState<UiState>(() => ({...initialState(options), inverted: props.initialInverted ?? false, message: props.startupMessage}));
	const stateRef = useRef(state);
	const dispatch = useCallback((action: Action) => {
		stateRef.current = reducer(stateRef.current, action);
		setState(stateRef.current);
	}, []);
	const sampled = useSampler({sampler, system, intervalMs: state.intervalMs, paused: state.paused, initial: props.initial});
	const {snapshot} = sampled;
	const topRef = useRef(0);
	/** Whether the last frame showed the cost hint (it clears at a lower reading than it appears). */
	const costShown = useRef(false);
	const actions = useProcessActions({signaller: props.signaller, dispatch, snapshot, readonly: options.readonly});

	// Fatal: the process table cannot be read at all. Anything else shows in the status bar.
	useEffect(() => {
		if (sampled.error instanceof ProcUnavailableError) exit(sampled.error);
		else if (sampled.error) dispatch({type: 'message', text: `sampling failed: ${sampled.error.message}`});
	}, [sampled.error, exit]);

	const rows = useMemo(
		() => buildRows(snapshot?.processes ?? [], {...state, pids: options.pids}),
		[snapshot, state.sort, state.inverted, state.tree, state.collapsed, state.filter, state.user, options.pids],
	);

	// Remember what the user changes here (not what flags set): sort, direction, tree, interval.
	const settingsKey = `${state.sort}|${state.inverted}|${state.tree}|${state.intervalMs}`;
	const savedKey = useRef(settingsKey);
	useEffect(() => {
		if (settingsKey === savedKey.current || !props.saveSettings) return;
		savedKey.current = settingsKey;
		const error = props.saveSettings({sort: state.sort, inverted: state.inverted, tree: state.tree, intervalMs: state.intervalMs});
		if (error) dispatch({type: 'message', text: error});
	}, [settingsKey]);
	const keys = useMemo(() => rows.map(row => row.process.key), [rows]);

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
	const detailsLineCount = useRef(0);
	const details = useMemo(
		() => (state.mode === 'details' && selected && props.readDetails ? props.readDetails(selected.process.pid) : undefined),
		// Re-read on every new snapshot while the view is open: the details are live.
		[state.mode, selected?.process.key, snapshot],
	);
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
		const exited = state.selectedKey === undefined ? undefined : snapshot?.changes.exited.find(gone => gone.key === state.selectedKey);
		dispatch({type: 'select', key: selected.process.key, index: shown.selectedIndex, message: exited ? `${exited.pid} ${exited.name} exited` : undefined});
		if (exited && state.following) dispatch({type: 'toggle-follow'});
	}, [selected?.process.key, state.selectedKey, snapshot]);

	const columns = useMemo(() => layoutColumns(TABLE_COLUMNS, width), [width]);
	const query = state.mode === 'search' || (state.search && !state.filter) ? state.search : state.filter;
	const searchMatches = useMemo(() => (state.mode === 'search' && state.search ? rows.filter(row => highlightFor(row.process, state.search)).length : 0), [rows, state.mode, state.search]);

	// Ink hands over a whole read at once ("/kdev" when typed fast or pasted): take it key by key.
	const handleKey = createKeyHandler({
		stateRef, dispatch, rows, keys, selected, selectedIndex: shown.selectedIndex, snapshot, tableHeight, actions, options,
		exit, detailsLineCount, callbacks: props,
	});
	useInput((input, key) => {
		for (const press of splitKeys(input, key)) handleKey(press.input, press.key);
	});

	let body: Line[];
	if (state.mode === 'details' && selected) {
		const all = detailLines({process: selected.process, details: details, parents: parentsOf(selected.process), children: childrenOf(selected.process), nowMs: Date.now(), width});
		detailsLineCount.current = all.length;
		body = all.slice(state.detailsScroll, state.detailsScroll + frameHeight - 1);
	} else if (state.mode === 'signal') {
		body = signalMenuLines({targets: state.targets, index: state.menuIndex, typed: state.typed, width, height: frameHeight - 1, startTimes: new Map(snapshot?.processes.map(process => [process.key, process.startTimeMs]))});
	} else if (state.mode === 'help') body = helpLines(width, frameHeight - 1);
	else if (state.mode === 'users') body = menuLines('Show processes of', userMenu(snapshot?.processes ?? []), state.menuIndex, width, frameHeight - 1);
	else if (state.mode === 'sort') body = menuLines('Sort by', sortMenu(), state.menuIndex, width, frameHeight - 1);
	else {
		body = [titleLine(columns, state, snapshot?.cpuKind ?? 'delta', width)];
		shown.visible.forEach((row, offset) => {
			const isSelected = shown.top + offset === shown.selectedIndex;
			let line = fitLine(processRow({row, columns, match: query ? highlightFor(row.process, query) : undefined, tagged: state.tagged.has(row.process.key), restarted: actions.restarted.has(row.process.key)}), width);
			if (isSelected) line = line.map(segment => (options.color ? {...segment, ...SELECTED, dim: false} : {...segment, inverse: true}));
			body.push(line);
		});
		if (!snapshot) body.push(fitLine([{text: 'reading the process table…', dim: true}], width));
	}
	const cost = costHint({recentOwnCpuPercent: sampled.own.recentCpuPercent, cpuPercentPerCore: snapshot?.cpuPercentPerCore ?? [], intervalMs: state.intervalMs, shown: costShown.current});
	costShown.current = cost !== undefined;
	const status = statusLine({state, width, shown: rows.length, total: snapshot?.processes.length ?? 0, searchMatches, pick: options.pick, costHint: cost});
	// The y/n question sits just above the status bar, over the bottom of the table.
	if (state.mode === 'confirm' && state.confirm) body = [...body.slice(0, Math.max(0, frameHeight - 1 - header.length - 3)), ...confirmLines(state.confirm, width)];
	let lines = [...header, ...body].slice(0, Math.max(0, frameHeight - 1));
	lines.push(status);
	if (!options.color) lines = lines.map(monochrome);
	lines = lines.map(line => trimEnd(mergeSegments(line)));
	return (
		<Box flexDirection="column" width={width}>
			<Lines lines={lines} />
		</Box>
	);
}
