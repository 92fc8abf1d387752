// Turns one key press into actions: looks the key up in the keymap for the current mode and
// dispatches reducer actions or process actions. No I/O of its own; everything it touches
// (state, rows, the signaller through `actions`, quitting) arrives in the context.

import type {Key} from 'ink';
import type {MutableRefObject} from 'react';
import type {Options, ProcessSample, Snapshot} from '../types.js';
import {SIGNALS} from '../signals.js';
import {buildForest, descendantKeys} from '../sampling/tree.js';
import {signalForTyped} from './action-views.js';
import {commandFor} from './keymap.js';
import {sortMenu, userMenu} from './menus.js';
import type {Action, PickedProcess, UiState} from './state.js';
import {findMatch, type ViewRow} from './view.js';
import type {ProcessActions} from './hooks/use-process-actions.js';

export type KeyCallbacks = {
	/** 'interrupt' for Ctrl+C (a --pick run then exits 130, as fzf does), else 'quit'. */
	onQuit?: (reason: 'quit' | 'interrupt') => void;
	onQuitNotes?: (notes: string[]) => void;
	onPick?: (pids: number[]) => void;
	copyToClipboard?: (text: string) => void;
	onSuspend?: () => void;
};

export type KeyContext = {
	/** The reducer's state as of the last dispatch (not the last frame): see App. */
	stateRef: MutableRefObject<UiState>;
	dispatch: (action: Action) => void;
	rows: readonly ViewRow[];
	keys: readonly string[];
	selected: ViewRow | undefined;
	selectedIndex: number;
	snapshot: Snapshot | undefined;
	tableHeight: number;
	actions: ProcessActions;
	options: Options;
	exit: () => void;
	detailsLineCount: MutableRefObject<number>;
	callbacks: KeyCallbacks;
};

/** The menu entry typed text names, or the current one when it names none. */
function pickedIndex(typed: string, current: number): number {
	const index = signalForTyped(typed);
	return index === -1 ? current : index;
}

export function createKeyHandler(context: KeyContext): (input: string, key: Key) => void {
	const {stateRef, dispatch, rows, keys, selected, selectedIndex, snapshot, tableHeight, actions, options, exit, detailsLineCount, callbacks} = context;

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

function handleKey(input: string, key: Key) {
	const state = stateRef.current;
	const command = commandFor(state.mode, input, key);
	const page = Math.max(1, tableHeight - 1);
	switch (command) {
		case 'quit': {
			const stopped = actions.stillStopped();
			if (stopped.length > 0) {
				callbacks.onQuitNotes?.([
					`proctop: ${stopped.length === 1 ? 'this process is' : 'these processes are'} still stopped (SIGSTOP from proctop):`,
					...stopped.map(target => `  ${target.pid} ${target.name}    resume it with: kill -CONT ${target.pid}`),
				]);
			}
			callbacks.onQuit?.(key.ctrl && input === 'c' ? 'interrupt' : 'quit');
			exit();
			return;
		}
		case 'details':
			if (options.pick) {
				const pids = pickTargets().map(target => target.pid);
				if (pids.length === 0) return;
				callbacks.onPick?.(pids);
				exit();
			} else if (selected) dispatch({type: 'open', mode: 'details'});
			return;
		case 'copy-pid':
		case 'copy-command': {
			const process = currentProcess();
			if (!process || !callbacks.copyToClipboard) return;
			const text = command === 'copy-pid' ? String(process.pid) : process.command || process.name;
			callbacks.copyToClipboard(text);
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
			callbacks.onSuspend?.();
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
			const index = findMatch(rows, state.search, selectedIndex + 1, 'next');
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
				dispatch({type: 'pick-signal', typed, menuIndex: pickedIndex(typed, state.menuIndex)});
			} else dispatch({type: 'erase'});
			return;
		case undefined:
			break;
	}
	if (state.mode === 'signal' && /^[0-9a-zA-Z]$/.test(input)) {
		// Keep typing a longer name or number; if that matches nothing, start over from this key.
		const typed = signalForTyped(state.typed + input) !== -1 ? state.typed + input : signalForTyped(input) !== -1 ? input : '';
		dispatch({type: 'pick-signal', typed, menuIndex: pickedIndex(typed, state.menuIndex)});
		return;
	}
	// Typing into a prompt: printable text only (never control keys or escape sequences).
	if ((state.mode === 'search' || state.mode === 'filter' || state.mode === 'interval' || (state.mode === 'nice' && /^[-+0-9]$/.test(input))) && input && !key.ctrl && !key.meta && !/[\u0000-\u001f\u007f]/.test(input)) {
		dispatch({type: 'type', text: input});
		if (state.mode === 'search') {
			const index = findMatch(rows, state.search + input, Math.max(0, selectedIndex), 'best');
			if (index !== -1) dispatch({type: 'select', key: rows[index]!.process.key, index});
		}
	}
}

	return handleKey;
}
