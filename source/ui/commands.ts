// Turns one key press into actions: looks the key up in the keymap for the current mode and
// runs that command's handler from COMMANDS, a table the compiler checks is complete (a command
// without a handler does not build). No I/O of its own; everything it touches (state, rows, the
// signaller through `actions`, quitting) arrives in the context. Every handler reads the
// selection from the reducer's state, never from the last frame: keys typed faster than frames
// (Down then k) must act on the process the Down moved to.

import type {Key} from 'ink';
import type {MutableRefObject} from 'react';
import {SIGNALS, signalForTyped} from '../actions/signal-table.js';
import {buildForest, descendantKeys} from '../model/tree.js';
import {findMatch, type ViewRow} from '../model/view.js';
import type {Options, ProcessSample, Snapshot} from '../types.js';
import type {ProcessActions} from './hooks/use-process-actions.js';
import {type CommandId, commandFor, commandForFunctionKey} from './keymap.js';
import {sortMenu, userMenu} from './lines/menus.js';
import {parseDraftInterval} from './lines/prompts.js';
import type {Action, Mode, PickedProcess, UiState} from './state.js';

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
	/** The rows of the last render, built from `renderedState`. */
	rows: readonly ViewRow[];
	renderedState: UiState;
	/** Rows for another state (keys that changed the filter or sort faster than frames). */
	rowsFor: (state: UiState) => readonly ViewRow[];
	selected: ViewRow | undefined;
	snapshot: Snapshot | undefined;
	tableHeight: number;
	actions: ProcessActions;
	options: Options;
	exit: () => void;
	/** How far the details view or the help can scroll: their last useful first line (set as drawn). */
	scrollLimit: MutableRefObject<number>;
	callbacks: KeyCallbacks;
};

/** One key press as a command sees it. */
type Press = {input: string; key: Partial<Key>; state: UiState};

/** The state fields the listed rows depend on (see buildRows). */
const ROW_INPUTS = ['sort', 'inverted', 'tree', 'collapsed', 'filter', 'user', 'showKernelThreads'] as const;
const READ_ONLY = 'read-only: signals and renice are disabled (--readonly)';
const MENU_MODES: readonly Mode[] = ['users', 'sort', 'signal'];
const picked = (process: ProcessSample): PickedProcess => ({
	pid: process.pid,
	startTicks: process.startTicks,
	name: process.name,
	user: process.user,
	key: process.key,
	command: process.command,
});

export function createKeyHandler(context: KeyContext): {onKey: (input: string, key: Key) => void; onFunctionKey: (number: number) => void} {
	const {stateRef, dispatch, renderedState, selected, snapshot, tableHeight, actions, options, exit, scrollLimit, callbacks} = context;
	const page = Math.max(1, tableHeight - 1);
	const byKey = () => new Map(snapshot?.processes.map(process => [process.key, process]));

	/**
	 * The rows as the reducer's state has them now: the last frame's, unless keys since then
	 * changed what is listed (`\\node` then Enter arriving in one read, before a frame).
	 */
	let current: {state: UiState; rows: readonly ViewRow[]} = {state: renderedState, rows: context.rows};
	function rowsNow(): readonly ViewRow[] {
		const state = stateRef.current;
		if (current.state === state) return current.rows;
		const same = ROW_INPUTS.every(field => state[field] === current.state[field]);
		current = {state, rows: same ? current.rows : context.rowsFor(state)};
		return current.rows;
	}
	const keysNow = () => rowsNow().map(row => row.process.key);
	/** Where the selection is in rowsNow(): by identity, else the row now at its old place. */
	function selectedIndexNow(): number {
		const {selectedKey, selectedIndex} = stateRef.current;
		const rows = rowsNow();
		const index = selectedKey === undefined ? -1 : rows.findIndex(row => row.process.key === selectedKey);
		return index !== -1 ? index : Math.max(0, Math.min(selectedIndex, rows.length - 1));
	}
	/** The selected process as the reducer has it now, among the rows it lists. */
	function currentProcess(): ProcessSample | undefined {
		return rowsNow()[selectedIndexNow()]?.process ?? selected?.process;
	}
	/** The tagged processes still alive, else the selected one: captured now, checked at send. */
	function pickTargets(): PickedProcess[] {
		const {tagged} = stateRef.current;
		if (tagged.size > 0 && snapshot) {
			const alive = snapshot.processes.filter(process => tagged.has(process.key));
			if (alive.length > 0) return alive.map(picked);
		}
		const process = currentProcess();
		return process ? [picked(process)] : [];
	}
	const niceOf = (target: PickedProcess) => snapshot?.processes.find(process => process.key === target.key)?.nice ?? 0;
	const say = (text: string) => dispatch({type: 'message', text});
	const menuSize = (mode: Mode) => (mode === 'users' ? userMenu(snapshot?.processes ?? []).length : mode === 'sort' ? sortMenu().length : SIGNALS.length);

	/** Up/Down/PgUp/PgDn/Home/End: the list, a menu, or a scrolling screen, by mode. */
	function move(state: UiState, delta: number, to?: 'start' | 'end') {
		const scroll = to === 'start' ? -Infinity : to === 'end' ? Infinity : delta;
		if (state.mode === 'details') dispatch({type: 'scroll-details', delta: scroll, max: scrollLimit.current});
		else if (state.mode === 'help') dispatch({type: 'scroll-help', delta: scroll, max: scrollLimit.current});
		else if (MENU_MODES.includes(state.mode)) {
			// Moving by hand replaces whatever was typed to pick a signal.
			if (state.mode === 'signal' && state.typed) dispatch({type: 'pick-signal', typed: '', menuIndex: state.menuIndex});
			dispatch({type: 'menu-move', delta, size: menuSize(state.mode)});
		} else if (to) dispatch({type: 'move-to', index: to === 'start' ? 0 : rowsNow().length - 1, rows: keysNow()});
		else dispatch({type: 'move', delta, rows: keysNow()});
	}

	function accept({state}: Press) {
		switch (state.mode) {
			case 'signal': {
				const index = state.typed ? signalForTyped(state.typed) : state.menuIndex;
				const signal = SIGNALS[index];
				if (!signal) {
					// Typed text that names no signal sends nothing; the menu stays for another try.
					say(`no such signal: ${state.typed}; nothing was sent`);
					return;
				}
				actions.send(state.targets, signal.name);
				dispatch({type: 'cancel'});
				return;
			}
			case 'nice': {
				const value = Number(state.draft);
				if (state.draft.trim() !== '' && Number.isInteger(value) && value >= -20 && value <= 19)
					actions.renice(
						state.targets,
						() => value,
						() => value,
					);
				else say(`"${state.draft}" is not a nice value: use a whole number from -20 (highest priority) to 19`);
				dispatch({type: 'cancel'});
				return;
			}
			case 'users':
				dispatch({type: 'set-user', user: userMenu(snapshot?.processes ?? [])[state.menuIndex]?.value});
				return;
			case 'sort':
				dispatch({type: 'sort', sort: sortMenu()[state.menuIndex]!.value});
				return;
			case 'interval': {
				const parsed = parseDraftInterval(state.draft);
				if (parsed.ok) dispatch({type: 'set-interval', intervalMs: parsed.intervalMs});
				else {
					dispatch({type: 'cancel'});
					say(parsed.message);
				}
				return;
			}
			default:
				dispatch({type: 'accept'});
		}
	}

	const COMMANDS: Record<CommandId, (press: Press) => void> = {
		quit({input, key}) {
			const stopped = actions.stillStopped();
			if (stopped.length > 0) {
				callbacks.onQuitNotes?.([
					`proctop: ${stopped.length === 1 ? 'this process is' : 'these processes are'} still stopped (SIGSTOP from proctop):`,
					...stopped.map(target => `  ${target.pid} ${target.name}    resume it with: kill -CONT ${target.pid}`),
				]);
			}
			callbacks.onQuit?.(key.ctrl && input === 'c' ? 'interrupt' : 'quit');
			exit();
		},
		details() {
			if (options.pick) {
				const pids = pickTargets().map(target => target.pid);
				if (pids.length === 0) return;
				callbacks.onPick?.(pids);
				exit();
				return;
			}
			const process = currentProcess();
			if (process) dispatch({type: 'open-details', key: process.key});
		},
		'copy-pid': () => copy('pid'),
		'copy-command': () => copy('command'),
		kill() {
			if (options.readonly) return say(READ_ONLY);
			const targets = pickTargets();
			if (targets.length === 0) return;
			const [only] = targets;
			const process = only && targets.length === 1 ? byKey().get(only.key) : undefined;
			// Kernel threads ignore every signal: refuse now rather than offer a menu that cannot work.
			if (process?.isKernelThread) return say(`refused: ${process.pid} ${process.name} is a kernel thread; kernel threads ignore signals`);
			const preferred = actions.preferredSignal(targets.map(target => target.key));
			dispatch({
				type: 'open-signal',
				targets,
				menuIndex: Math.max(
					0,
					SIGNALS.findIndex(signal => signal.name === preferred),
				),
			});
		},
		tag() {
			const process = currentProcess();
			if (!process) return;
			dispatch({type: 'tag', keys: [process.key]});
			dispatch({type: 'move', delta: 1, rows: keysNow()});
		},
		'tag-subtree'() {
			const process = currentProcess();
			if (process && snapshot) dispatch({type: 'tag', keys: [process.key, ...descendantKeys(buildForest(snapshot.processes), process.key)], on: true});
		},
		'untag-all': () => dispatch({type: 'untag-all'}),
		'kill-subtree'() {
			if (options.readonly) return say(READ_ONLY);
			const root = currentProcess();
			if (!root || !snapshot) return;
			const processes = byKey();
			const members = [...descendantKeys(buildForest(snapshot.processes), root.key).map(key => processes.get(key)!), root];
			actions.askSubtree(members.map(picked));
		},
		'nice-up': () => renice(+1),
		'nice-down': () => renice(-1),
		'nice-set'() {
			if (options.readonly) return say(READ_ONLY);
			const targets = pickTargets();
			if (targets.length > 0) dispatch({type: 'open-nice', targets, draft: String(niceOf(targets[0]!))});
		},
		yes({state}) {
			dispatch({type: 'cancel'});
			if (state.confirm) actions.confirm(state.confirm);
		},
		suspend: () => callbacks.onSuspend?.(),
		up: ({state}) => move(state, -1),
		down: ({state}) => move(state, 1),
		'page-up': ({state}) => move(state, -page),
		'page-down': ({state}) => move(state, page),
		home: ({state}) => move(state, 0, 'start'),
		end: ({state}) => move(state, 0, 'end'),
		'sort-cpu': () => dispatch({type: 'sort', sort: 'cpu'}),
		'sort-memory': () => dispatch({type: 'sort', sort: 'memory'}),
		'sort-time': () => dispatch({type: 'sort', sort: 'time'}),
		'sort-pid': () => dispatch({type: 'sort', sort: 'pid'}),
		'sort-previous': () => dispatch({type: 'cycle-sort', delta: -1}),
		'sort-next': () => dispatch({type: 'cycle-sort', delta: 1}),
		'sort-pick': ({state}) => dispatch({type: 'open', mode: 'sort', menuIndex: sortMenu().findIndex(entry => entry.value === state.sort)}),
		invert: () => dispatch({type: 'invert'}),
		tree: () => dispatch({type: 'toggle-tree'}),
		expand: ({state}) => branch(state, 'expand'),
		collapse: ({state}) => branch(state, 'collapse'),
		'expand-all': () => dispatch({type: 'expand-all'}),
		search: () => dispatch({type: 'open', mode: 'search'}),
		filter: () => dispatch({type: 'open', mode: 'filter'}),
		'next-match'({state}) {
			if (!state.search) return say('press / to search first');
			const rows = rowsNow();
			const index = findMatch(rows, state.search, selectedIndexNow() + 1, 'next');
			if (index === -1) say(`no match for "${state.search}"`);
			else dispatch({type: 'select', key: rows[index]!.process.key, index});
		},
		users: ({state}) =>
			dispatch({
				type: 'open',
				mode: 'users',
				menuIndex: Math.max(
					0,
					userMenu(snapshot?.processes ?? []).findIndex(entry => entry.value === state.user),
				),
			}),
		'kernel-threads'({state}) {
			dispatch({type: 'toggle-kernel-threads'});
			const count = snapshot?.counts.kernelThreads ?? 0;
			say(state.showKernelThreads ? `kernel threads hidden (${count}); K shows them` : `kernel threads shown (${count})`);
		},
		follow({state}) {
			const process = currentProcess();
			dispatch({type: 'toggle-follow'});
			if (process) say(state.following ? 'stopped following' : `following ${process.pid} ${process.name}`);
		},
		pause: () => dispatch({type: 'toggle-pause'}),
		interval: () => dispatch({type: 'open', mode: 'interval'}),
		help: () => dispatch({type: 'open', mode: 'help'}),
		'whole-command': () => dispatch({type: 'toggle-whole-command'}),
		accept,
		cancel: () => dispatch({type: 'cancel'}),
		erase({state}) {
			if (state.mode !== 'signal') return dispatch({type: 'erase'});
			const typed = [...state.typed].slice(0, -1).join('');
			dispatch({type: 'pick-signal', typed, menuIndex: pickedIndex(typed, state.menuIndex)});
		},
	};

	function copy(what: 'pid' | 'command') {
		const process = currentProcess();
		if (!process || !callbacks.copyToClipboard) return;
		const text = what === 'pid' ? String(process.pid) : process.command || process.name;
		callbacks.copyToClipboard(text);
		say(
			what === 'pid' ? `copied pid ${process.pid} to the clipboard` : `copied the command line of ${process.pid} to the clipboard (${text.length} characters)`,
		);
	}

	function renice(delta: number) {
		if (options.readonly) return say(READ_ONLY);
		actions.renice(
			pickTargets(),
			current => current + delta,
			target => niceOf(target),
		);
	}

	function branch(state: UiState, how: 'expand' | 'collapse') {
		const process = currentProcess();
		if (!state.tree) say('press t for the tree view first');
		else if (process) dispatch({type: how, key: process.key});
	}

	/** Keys with no command: typing into a prompt or picking a signal by number or name. */
	function typeText(input: string, key: Key, state: UiState) {
		if (!input || key.ctrl || key.meta || /[\u0000-\u001f\u007f]/.test(input)) return;
		if (state.mode === 'signal') {
			if (!/^[0-9a-zA-Z+-]$/.test(input)) return;
			const typed = state.typed + input;
			dispatch({type: 'pick-signal', typed, menuIndex: pickedIndex(typed, state.menuIndex)});
			return;
		}
		if (state.mode === 'nice' && !/^[-+0-9]$/.test(input)) return;
		if (state.mode !== 'search' && state.mode !== 'filter' && state.mode !== 'interval' && state.mode !== 'nice') return;
		dispatch({type: 'type', text: input});
		if (state.mode === 'search') {
			const rows = rowsNow();
			const index = findMatch(rows, state.search + input, selectedIndexNow(), 'best');
			if (index !== -1) dispatch({type: 'select', key: rows[index]!.process.key, index});
		}
	}

	return {
		onKey(input, key) {
			const state = stateRef.current;
			const command = commandFor(state.mode, input, key);
			if (command) COMMANDS[command]({input, key, state});
			else typeText(input, key, state);
		},
		onFunctionKey(number) {
			const state = stateRef.current;
			const command = commandForFunctionKey(state.mode, number);
			if (command) COMMANDS[command]({input: '', key: {}, state});
			else say(`F${number} does nothing here; press h for the keys`);
		},
	};
}

/** The menu entry typed text names exactly, or the current one while it names none. */
function pickedIndex(typed: string, current: number): number {
	const index = signalForTyped(typed);
	return index === -1 ? current : index;
}
