// What a command sees of the running app for one key press: the reducer's state as of the last
// dispatch, the rows that state lists, the selection within them, and ways to act (dispatch,
// the signaller, the callbacks). No I/O of its own. Every read goes through the reducer's state,
// never the last frame: keys typed faster than frames (Down then k) must act on the process
// the Down moved to.

import type {Key} from 'ink';
import type {MutableRefObject} from 'react';
import type {PickedProcess} from '../../actions/targets.js';
import type {SortKeyId} from '../../model/sort.js';
import type {ViewRow} from '../../model/view.js';
import type {Options, ProcessSample, Snapshot} from '../../types.js';
import type {ProcessActions} from '../hooks/use-process-actions.js';
import type {Action, UiState} from '../state.js';

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
	/** The sort keys of the columns on screen, left to right, each once (< and > step through them). */
	sortKeysShown?: readonly SortKeyId[];
	actions: ProcessActions;
	options: Options;
	exit: () => void;
	/** How far the details view or the help can scroll: their last useful first line (set as drawn). */
	scrollLimit: MutableRefObject<number>;
	callbacks: KeyCallbacks;
	/** Whether this platform can list threads (not a recording, not another machine's --serve). */
	threadsReadable?: boolean;
	/** With --mouse: where the list was drawn and the last click (commands/mouse.ts). */
	mouse?: import('./mouse.js').MouseContext;
	/** What is remembered (absent with --history 0): the ticks { and } step through. */
	history?: {
		range(): {oldest: number; newest: number} | undefined;
		takenAt(seq: number): number | undefined;
		seqAt?(ms: number): number | undefined;
		/** How much is kept, as --history says it ("10m"), for messages. */
		windowLabel: string;
		/** A recording (--replay): no live moment to return to; the end of it stands in. */
		replay: boolean;
	};
};

/** One key press as a command sees it. */
export type Press = {input: string; key: Partial<Key>; state: UiState};

export type Session = {
	context: KeyContext;
	/** The rows as the reducer's state lists them now. */
	rowsNow: () => readonly ViewRow[];
	/** Where the selection is in rowsNow(). */
	selectedIndexNow: () => number;
	/** The selected row as the reducer has it now (a group-by-app row too). */
	currentRow: () => ViewRow | undefined;
	/**
	 * The selected process as the reducer has it now; undefined on a group row (no one process).
	 * On a thread's row, the process it belongs to: signals, renice, details and tags act on
	 * processes (a signal sent to a thread id reaches its whole process anyway).
	 */
	currentProcess: () => ProcessSample | undefined;
	/** The tagged processes still alive, else the selected one: captured now, checked at send. */
	pickTargets: () => PickedProcess[];
	/** The latest sample's processes by identity key. */
	byKey: () => Map<string, ProcessSample>;
	say: (text: string) => void;
	/** On a group-by-app row with nothing tagged: says how to reach its processes, and true. */
	onGroup: () => boolean;
};

export type Command = (press: Press, session: Session) => void;

/** The state fields the listed rows depend on (see buildRows). */
const ROW_INPUTS = ['sort', 'inverted', 'tree', 'collapsed', 'filter', 'user', 'showKernelThreads', 'showThreads', 'grouped', 'openGroups'] as const;

export const READ_ONLY = 'read-only: signals and renice are disabled (--readonly)';

export const picked = (process: ProcessSample): PickedProcess => ({
	pid: process.pid,
	startTicks: process.startTicks,
	name: process.name,
	user: process.user,
	key: process.key,
	command: process.command,
});

export function createSession(context: KeyContext): Session {
	const {stateRef, snapshot} = context;
	// The last frame's rows, unless keys since then changed what is listed (`\node` then Enter
	// arriving in one read, before a frame).
	let current: {state: UiState; rows: readonly ViewRow[]} = {state: context.renderedState, rows: context.rows};
	function rowsNow(): readonly ViewRow[] {
		const state = stateRef.current;
		if (current.state === state) return current.rows;
		const same = ROW_INPUTS.every(field => state[field] === current.state[field]);
		current = {state, rows: same ? current.rows : context.rowsFor(state)};
		return current.rows;
	}
	// By identity, else the row now at the selection's old place.
	function selectedIndexNow(): number {
		const {selectedKey, selectedIndex} = stateRef.current;
		const rows = rowsNow();
		const index = selectedKey === undefined ? -1 : rows.findIndex(row => row.process.key === selectedKey);
		return index !== -1 ? index : Math.max(0, Math.min(selectedIndex, rows.length - 1));
	}
	const currentRow = () => rowsNow()[selectedIndexNow()] ?? context.selected;
	const currentProcess = () => {
		const row = currentRow();
		if (row?.group) return undefined;
		const owner = row?.process.threadOf;
		return owner === undefined ? row?.process : snapshot?.processes.find(process => process.pid === owner);
	};
	function pickTargets(): PickedProcess[] {
		const {tagged} = stateRef.current;
		if (tagged.size > 0 && snapshot) {
			const alive = snapshot.processes.filter(process => tagged.has(process.key));
			if (alive.length > 0) return alive.map(picked);
		}
		const process = currentProcess();
		return process ? [picked(process)] : [];
	}
	return {
		context,
		rowsNow,
		selectedIndexNow,
		currentRow,
		currentProcess,
		pickTargets,
		byKey: () => new Map(snapshot?.processes.map(process => [process.key, process])),
		say: text => context.dispatch({type: 'message', text}),
		onGroup() {
			const group = currentRow()?.group;
			if (!group || stateRef.current.tagged.size > 0) return false;
			context.dispatch({type: 'message', text: `a group of ${group.length} processes: + opens it, space tags them all`});
			return true;
		},
	};
}

/** The nice value a target had in the latest sample (0 when it is gone). */
export const niceOf = (session: Session, target: PickedProcess) => session.byKey().get(target.key)?.nice ?? 0;
