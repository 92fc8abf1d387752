// The interactive monitor: wires the sampler hook, the reducer and the key table, and lays out
// header, column titles, the visible rows and the status bar in exactly `rows − 1` lines.
// I/O only through props (sampler, system reader) and Ink's hooks.

import React, {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {Box, useApp, useInput, type Key} from 'ink';
import type {Options} from '../types.js';
import type {Sampler} from '../sampling/sampler.js';
import type {SystemReader} from '../sampling/sources/system.js';
import {ProcUnavailableError} from '../sampling/sources/procfs.js';
import {TABLE_COLUMNS, layoutColumns} from './columns.js';
import {commandFor, splitKeys} from './keymap.js';
import {headerLines} from './meters.js';
import {helpLines, menuLines, sortMenu, userMenu} from './menus.js';
import {processRow} from './row.js';
import {fitLine, mergeSegments, monochrome, trimEnd, type Line} from './segments.js';
import {initialState, reducer, type Action, type UiState} from './state.js';
import {statusLine, titleLine} from './status.js';
import {buildRows, findMatch, highlightFor, windowRows} from './view.js';
import {useSampler, type InitialSample} from './hooks/use-sampler.js';
import {useProcessActions} from './hooks/use-process-actions.js';
import type {Signaller} from '../signals.js';
import {SIGNALS} from '../signals.js';
import type {ProcessDetails} from '../sampling/sources/details.js';
import {buildForest, descendantKeys} from '../sampling/tree.js';
import type {ProcessSample} from '../types.js';
import {confirmLines, signalForTyped, signalMenuLines} from './action-views.js';
import {detailLines} from './details-view.js';
import type {PickedProcess} from './state.js';
import type {Settings} from '../config.js';
import {useViewport, type Viewport} from './hooks/use-viewport.js';
import {Lines} from './components/Lines.js';

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
	onQuit?: () => void;
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

	const picked = (process: ProcessSample): PickedProcess => ({pid: process.pid, startTicks: process.startTicks, name: process.name, user: process.user, key: process.key, command: process.command});
	/** The tagged processes still alive, else the selected one: captured now, checked at send. */
	function pickTargets(): PickedProcess[] {
		const {tagged} = stateRef.current;
		if (tagged.size > 0 && snapshot) return snapshot.processes.filter(process => tagged.has(process.key)).map(picked);
		const process = currentProcess();
		return process ? [picked(process)] : [];
	}
	/**
	 * The selection as the reducer has it now, not as the last frame drew it: keys typed faster
	 * than frames (Down then k) must act on the process the Down moved to.
	 */
	function currentProcess(): ProcessSample | undefined {
		const {selectedKey} = stateRef.current;
		return (selectedKey === undefined ? undefined : snapshot?.processes.find(process => process.key === selectedKey)) ?? selected?.process;
	}
	const niceOf = (target: PickedProcess) => snapshot?.processes.find(process => process.key === target.key)?.nice ?? 0;

	// Ink hands over a whole read at once ("/kdev" when typed fast or pasted): take it key by key.
	useInput((input, key) => {
		for (const press of splitKeys(input, key)) handleKey(press.input, press.key);
	});

	function handleKey(input: string, key: Key) {
		const state = stateRef.current;
		const command = commandFor(state.mode, input, key);
		const page = Math.max(1, tableHeight - 1);
		switch (command) {
			case 'quit': {
				const stopped = actions.stillStopped();
				if (stopped.length > 0) {
					props.onQuitNotes?.([
						`proctop: ${stopped.length === 1 ? 'this process is' : 'these processes are'} still stopped (SIGSTOP from proctop):`,
						...stopped.map(target => `  ${target.pid} ${target.name}    resume it with: kill -CONT ${target.pid}`),
					]);
				}
				props.onQuit?.();
				exit();
				return;
			}
			case 'details':
				if (options.pick) {
					const pids = pickTargets().map(target => target.pid);
					if (pids.length === 0) return;
					props.onPick?.(pids);
					exit();
				} else if (selected) dispatch({type: 'open', mode: 'details'});
				return;
			case 'copy-pid':
			case 'copy-command': {
				const process = currentProcess();
				if (!process || !props.copyToClipboard) return;
				const text = command === 'copy-pid' ? String(process.pid) : process.command || process.name;
				props.copyToClipboard(text);
				dispatch({type: 'message', text: command === 'copy-pid' ? `copied pid ${process.pid} to the clipboard` : `copied the command line of ${process.pid} to the clipboard (${text.length} characters)`});
				return;
			}
			case 'kill': {
				const targets = pickTargets();
				if (targets.length === 0) return;
				const preferred = actions.preferredSignal(targets.map(target => target.key));
				dispatch({type: 'open-signal', targets, menuIndex: SIGNALS.findIndex(signal => signal.name === preferred)});
				return;
			}
			case 'tag': {
				const process = currentProcess();
				if (process) {
					dispatch({type: 'tag', keys: [process.key]});
					dispatch({type: 'move', delta: 1, rows: keys});
				}
				return;
			}
			case 'tag-subtree': {
				const process = currentProcess();
				if (process && snapshot) dispatch({type: 'tag', keys: [process.key, ...descendantKeys(buildForest(snapshot.processes), process.key)], on: true});
				return;
			}
			case 'untag-all':
				dispatch({type: 'untag-all'});
				return;
			case 'kill-subtree': {
				const root = currentProcess();
				if (root && snapshot) {
					const byKey = new Map(snapshot.processes.map(process => [process.key, process]));
					const members = [...descendantKeys(buildForest(snapshot.processes), root.key).map(key => byKey.get(key)!), root];
					actions.killSubtree(members.map(picked));
				}
				return;
			}
			case 'nice-up':
			case 'nice-down': {
				const targets = pickTargets();
				const delta = command === 'nice-up' ? 1 : -1;
				actions.renice(targets, current => current + delta, target => niceOf(target));
				return;
			}
			case 'nice-set': {
				const targets = pickTargets();
				if (targets.length > 0) dispatch({type: 'open-nice', targets, draft: String(niceOf(targets[0]!))});
				return;
			}
			case 'yes':
				if (state.confirm) actions.confirmKill(state.confirm);
				dispatch({type: 'cancel'});
				return;
			case 'suspend':
				props.onSuspend?.();
				return;
			case 'up':
			case 'down': {
				const delta = command === 'up' ? -1 : 1;
				if (state.mode === 'users' || state.mode === 'sort' || state.mode === 'signal') {
					const size = state.mode === 'users' ? userMenu(snapshot?.processes ?? []).length : state.mode === 'sort' ? sortMenu().length : SIGNALS.length;
					dispatch({type: 'menu-move', delta, size});
				} else if (state.mode === 'details') dispatch({type: 'scroll-details', delta, lines: detailsLineCount.current});
				else dispatch({type: 'move', delta, rows: keys});
				return;
			}
			case 'page-up':
			case 'page-down': {
				const delta = command === 'page-up' ? -page : page;
				if (state.mode === 'details') dispatch({type: 'scroll-details', delta, lines: detailsLineCount.current});
				else dispatch({type: 'move', delta, rows: keys});
				return;
			}
			case 'home':
				dispatch({type: 'move-to', index: 0, rows: keys});
				return;
			case 'end':
				dispatch({type: 'move-to', index: keys.length - 1, rows: keys});
				return;
			case 'sort-cpu':
				dispatch({type: 'sort', sort: 'cpu'});
				return;
			case 'sort-memory':
				dispatch({type: 'sort', sort: 'memory'});
				return;
			case 'sort-time':
				dispatch({type: 'sort', sort: 'time'});
				return;
			case 'sort-pid':
				dispatch({type: 'sort', sort: 'pid'});
				return;
			case 'sort-previous':
			case 'sort-next':
				dispatch({type: 'cycle-sort', delta: command === 'sort-next' ? 1 : -1});
				return;
			case 'sort-pick':
				dispatch({type: 'open', mode: 'sort', menuIndex: sortMenu().findIndex(entry => entry.value === state.sort)});
				return;
			case 'invert':
				dispatch({type: 'invert'});
				return;
			case 'tree':
				dispatch({type: 'toggle-tree'});
				return;
			case 'expand':
			case 'collapse':
				if (!state.tree) dispatch({type: 'message', text: 'press t for the tree view first'});
				else if (selected) dispatch({type: command, key: selected.process.key});
				return;
			case 'expand-all':
				dispatch({type: 'expand-all'});
				return;
			case 'search':
				dispatch({type: 'open', mode: 'search'});
				return;
			case 'filter':
				dispatch({type: 'open', mode: 'filter'});
				return;
			case 'next-match': {
				if (!state.search) {
					dispatch({type: 'message', text: 'press / to search first'});
					return;
				}
				const index = findMatch(rows, state.search, shown.selectedIndex + 1, 'next');
				if (index === -1) dispatch({type: 'message', text: `no match for "${state.search}"`});
				else dispatch({type: 'select', key: rows[index]!.process.key, index});
				return;
			}
			case 'users':
				dispatch({type: 'open', mode: 'users', menuIndex: Math.max(0, userMenu(snapshot?.processes ?? []).findIndex(entry => entry.value === state.user))});
				return;
			case 'follow':
				dispatch({type: 'toggle-follow'});
				if (selected) dispatch({type: 'message', text: state.following ? 'stopped following' : `following ${selected.process.pid} ${selected.process.name}`});
				return;
			case 'pause':
				dispatch({type: 'toggle-pause'});
				return;
			case 'interval':
				dispatch({type: 'open', mode: 'interval'});
				return;
			case 'help':
				dispatch({type: 'open', mode: 'help'});
				return;
			case 'accept':
				if (state.mode === 'signal') {
					const signal = SIGNALS[state.menuIndex];
					if (signal) actions.send(state.targets, signal.name);
					dispatch({type: 'cancel'});
				} else if (state.mode === 'nice') {
					const value = Number(state.draft);
					if (state.draft.trim() !== '' && Number.isInteger(value) && value >= -20 && value <= 19) actions.renice(state.targets, () => value, () => value);
					else dispatch({type: 'message', text: `"${state.draft}" is not a nice value: use a whole number from -20 (highest priority) to 19`});
					dispatch({type: 'cancel'});
				} else if (state.mode === 'users') dispatch({type: 'set-user', user: userMenu(snapshot?.processes ?? [])[state.menuIndex]?.value});
				else if (state.mode === 'sort') dispatch({type: 'sort', sort: sortMenu()[state.menuIndex]!.value});
				else if (state.mode === 'interval') {
					const seconds = Number(state.draft);
					if (state.draft.trim() !== '' && Number.isFinite(seconds) && seconds >= 0.1 && seconds <= 3600) dispatch({type: 'set-interval', intervalMs: Math.round(seconds * 1000)});
					else {
						dispatch({type: 'cancel'});
						dispatch({type: 'message', text: `"${state.draft}" is not a refresh interval: use seconds from 0.1 to 3600`});
					}
				} else dispatch({type: 'accept'});
				return;
			case 'cancel':
				dispatch({type: 'cancel'});
				return;
			case 'erase':
				if (state.mode === 'signal') {
					const typed = [...state.typed].slice(0, -1).join('');
					dispatch({type: 'pick-signal', typed, menuIndex: Math.max(0, signalForTyped(typed), state.menuIndex)});
				} else dispatch({type: 'erase'});
				return;
			case undefined:
				break;
		}
		if (state.mode === 'signal' && /^[0-9a-zA-Z]$/.test(input)) {
			const typed = state.typed + input;
			const index = signalForTyped(typed);
			if (index !== -1) dispatch({type: 'pick-signal', typed, menuIndex: index});
			else dispatch({type: 'pick-signal', typed: signalForTyped(input) === -1 ? '' : input, menuIndex: Math.max(signalForTyped(input), state.menuIndex)});
			return;
		}
		// Typing into a prompt: printable text only (never control keys or escape sequences).
		if ((state.mode === 'search' || state.mode === 'filter' || state.mode === 'interval' || (state.mode === 'nice' && /^[-+0-9]$/.test(input))) && input && !key.ctrl && !key.meta && !/[\u0000-\u001f\u007f]/.test(input)) {
			dispatch({type: 'type', text: input});
			if (state.mode === 'search') {
				const index = findMatch(rows, state.search + input, Math.max(0, shown.selectedIndex), 'best');
				if (index !== -1) dispatch({type: 'select', key: rows[index]!.process.key, index});
			}
		}
	}

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
	const status = statusLine({state, width, shown: rows.length, total: snapshot?.processes.length ?? 0, searchMatches, pick: options.pick});
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
