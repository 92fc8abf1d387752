// What the user chose, as a reducer: selection (by identity), sort, tree, kernel threads,
// filter/search text, mode and its menu or prompt, user, pause, follow, tags, the scroll of the
// help and details, the remembered moment shown (history), and the last message. Pure; the visible rows are derived (model/view.ts).

import type {Confirmation, PickedProcess} from '../actions/targets.js';
import type {ColumnId} from '../model/columns.js';
import {isGroupKey} from '../model/group.js';
import type {SortKeyId} from '../model/sort.js';
import {SORT_KEYS} from '../model/sort.js';
import type {Options} from '../types.js';

export type {Confirmation, PickedProcess} from '../actions/targets.js';

/** Every screen the keys can be in; the keymap and its test read this list. */
export const MODES = [
	'list',
	'search',
	'filter',
	'help',
	'users',
	'sort',
	'interval',
	'signal',
	'confirm',
	'nice',
	'details',
	'exited',
	'jump',
	'setup',
] as const;
export type Mode = (typeof MODES)[number];

export type DetailsList = 'environment' | 'files';

export type UiState = {
	mode: Mode;
	/** Identity key (pid:starttime) of the selected process; undefined = first row. */
	selectedKey: string | undefined;
	/** Row index the selection last had, so an exited process hands over to its neighbour. */
	selectedIndex: number;
	sort: SortKeyId;
	inverted: boolean;
	tree: boolean;
	/** Identity keys of collapsed branches; kept across refreshes. */
	collapsed: ReadonlySet<string>;
	/** One row per app (A); exclusive with the tree. */
	grouped: boolean;
	/** Group keys (`app:<label>`) shown open in the grouped view. */
	openGroups: ReadonlySet<string>;
	filter: string;
	search: string;
	user: string | undefined;
	paused: boolean;
	following: boolean;
	intervalMs: number;
	/** Kernel threads are hidden unless this is on (K), as in htop. */
	showKernelThreads: boolean;
	/** Each process's threads are listed as rows of their own (H, --threads), as in htop. */
	showThreads: boolean;
	/** Text being typed in the interval or nice prompt. */
	draft: string;
	/** The draft is the pre-filled current value, shown selected: the first key typed replaces it. */
	draftFresh: boolean;
	/** Highlighted entry of the open menu (users, sort). */
	menuIndex: number;
	message: string | undefined;
	/** Counts messages, so an expiry timer clears only the message it was set for. */
	messageSerial: number;
	/** Tagged identities: k, X and renice act on all of them. */
	tagged: ReadonlySet<string>;
	/** Targets of the open signal menu or nice prompt, captured when it opened. */
	targets: PickedProcess[];
	/** The one target's parent when it restarts it (npm run, nodemon, --watch): Tab targets it instead. */
	supervisor: PickedProcess | undefined;
	/** Digits or letters typed in the signal menu to pick a signal. */
	typed: string;
	confirm: Confirmation | undefined;
	/** The process the details view shows (its identity key), fixed when the view opened. */
	detailsKey: string | undefined;
	/** First line shown in the details view. */
	detailsScroll: number;
	/** Details: the whole command line instead of its first few lines. */
	detailsWholeCommand: boolean;
	/** The details view shows one of its lists instead of the summary: environment (e) or open files (l). */
	detailsList: DetailsList | undefined;
	/** First line shown on the help screen (and the list of exited processes). */
	helpScroll: number;
	/** The remembered tick shown instead of the live one (history's sequence number); undefined: live. */
	historyAt: number | undefined;
	/** The CPU GRAPH column (C): each process's last ticks of CPU%, as btop draws them. */
	cpuGraphs: boolean;
	/** Cells cut from the start of every COMMAND cell (← →, as htop scrolls long command lines). */
	commandScroll: number;
	/** The table's columns in order (--columns, the settings file, the setup screen); undefined: the default set. */
	columns: readonly ColumnId[] | undefined;
};

function without(set: ReadonlySet<string>, key: string): ReadonlySet<string> {
	const next = new Set(set);
	next.delete(key);
	return next;
}

/** The state the UI opens in: the flags, the remembered settings, a message for the status bar. */
export function initialState(
	options: Pick<Options, 'sort' | 'tree' | 'filter' | 'user' | 'intervalMs' | 'columns'> & {
		showKernelThreads?: boolean;
		showThreads?: boolean;
		inverted?: boolean;
		message?: string;
		historyAt?: number;
	},
): UiState {
	return {
		mode: 'list',
		selectedKey: undefined,
		selectedIndex: 0,
		sort: options.sort,
		inverted: options.inverted ?? false,
		tree: options.tree,
		collapsed: new Set(),
		grouped: false,
		openGroups: new Set(),
		filter: options.filter,
		search: '',
		user: options.user,
		paused: false,
		following: false,
		intervalMs: options.intervalMs,
		showKernelThreads: options.showKernelThreads ?? false,
		showThreads: options.showThreads ?? false,
		draft: '',
		draftFresh: false,
		menuIndex: 0,
		message: options.message,
		messageSerial: 0,
		tagged: new Set(),
		targets: [],
		supervisor: undefined,
		typed: '',
		confirm: undefined,
		detailsKey: undefined,
		detailsScroll: 0,
		detailsWholeCommand: false,
		detailsList: undefined,
		helpScroll: 0,
		historyAt: options.historyAt,
		cpuGraphs: options.columns?.includes('cpu_graph') ?? false,
		commandScroll: 0,
		columns: options.columns,
	};
}

/** Row keys in display order, as the view shows them; movement actions need them. */
type Rows = readonly string[];

export type Action =
	| {type: 'move'; delta: number; rows: Rows}
	| {type: 'move-to'; index: number; rows: Rows}
	| {type: 'select'; key: string; index: number; message?: string}
	| {type: 'sort'; sort: SortKeyId}
	/** `keys`: the sort keys of the columns on screen, left to right (htop's < and > step through those). */
	| {type: 'cycle-sort'; delta: 1 | -1; keys?: readonly SortKeyId[]}
	| {type: 'invert'}
	| {type: 'toggle-tree'}
	| {type: 'toggle-group'}
	| {type: 'collapse'; key: string}
	| {type: 'expand'; key: string}
	| {type: 'expand-all'}
	| {type: 'open'; mode: Exclude<Mode, 'list' | 'details'>; menuIndex?: number}
	| {type: 'open-details'; key: string}
	| {type: 'close'}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'accept'}
	| {type: 'cancel'}
	| {type: 'menu-move'; delta: number; size: number}
	| {type: 'set-user'; user: string | undefined}
	| {type: 'set-interval'; intervalMs: number}
	| {type: 'toggle-pause'}
	| {type: 'toggle-follow'}
	| {type: 'message'; text: string | undefined}
	| {type: 'expire-message'; serial: number}
	| {type: 'toggle-kernel-threads'}
	| {type: 'toggle-threads'}
	| {type: 'untag'; keys: readonly string[]; message?: string}
	| {type: 'toggle-whole-command'}
	/** Show the remembered tick `seq`, or live (undefined). */
	| {type: 'history-at'; seq: number | undefined}
	| {type: 'toggle-cpu-graphs'}
	| {type: 'scroll-command'; to: number}
	| {type: 'details-list'; list: DetailsList}
	| {type: 'set-columns'; columns: readonly ColumnId[] | undefined; menuIndex: number}
	| {type: 'scroll-help'; delta: number; max: number}
	| {type: 'tag'; keys: readonly string[]; on?: boolean}
	| {type: 'untag-all'}
	| {type: 'open-signal'; targets: PickedProcess[]; menuIndex: number; supervisor?: PickedProcess}
	| {type: 'target-supervisor'}
	| {type: 'open-nice'; targets: PickedProcess[]; draft: string}
	| {type: 'pick-signal'; typed: string; menuIndex: number}
	| {type: 'ask'; confirm: Confirmation}
	/** `max`: the last useful first line (the screen's lines minus what fits). */
	| {type: 'scroll-details'; delta: number; max: number};

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

function moveTo(state: UiState, rows: Rows, index: number): UiState {
	if (rows.length === 0) return state;
	const target = clamp(index, 0, rows.length - 1);
	return {...state, selectedKey: rows[target], selectedIndex: target};
}

function currentIndex(state: UiState, rows: Rows): number {
	const index = state.selectedKey === undefined ? -1 : rows.indexOf(state.selectedKey);
	return index === -1 ? clamp(state.selectedIndex, 0, Math.max(0, rows.length - 1)) : index;
}

export function reducer(state: UiState, action: Action): UiState {
	switch (action.type) {
		case 'move':
			return moveTo(state, action.rows, currentIndex(state, action.rows) + action.delta);
		case 'move-to':
			return moveTo(state, action.rows, action.index);
		case 'select':
			return action.message === undefined
				? {...state, selectedKey: action.key, selectedIndex: action.index}
				: {...state, selectedKey: action.key, selectedIndex: action.index, message: action.message, messageSerial: state.messageSerial + 1};
		case 'sort':
			// Picking the active column again flips the direction, as clicking a header does in htop.
			return {...state, sort: action.sort, inverted: action.sort === state.sort ? !state.inverted : false, mode: state.mode === 'sort' ? 'list' : state.mode};
		case 'cycle-sort': {
			const keys = action.keys && action.keys.length > 0 ? action.keys : SORT_KEYS.map(key => key.id);
			const index = keys.indexOf(state.sort);
			// Sorted by a column not on screen: > starts at the first one, < at the last.
			const next = index === -1 ? (action.delta > 0 ? keys[0]! : keys.at(-1)!) : keys[(index + action.delta + keys.length) % keys.length]!;
			return {...state, sort: next, inverted: false};
		}
		case 'invert':
			return {...state, inverted: !state.inverted};
		case 'toggle-tree':
			return {...state, tree: !state.tree, grouped: false};
		case 'toggle-group':
			return {...state, grouped: !state.grouped, tree: false, openGroups: new Set()};
		case 'collapse': {
			if (isGroupKey(action.key)) return {...state, openGroups: without(state.openGroups, action.key)};
			const collapsed = new Set(state.collapsed);
			collapsed.add(action.key);
			return {...state, collapsed};
		}
		case 'expand': {
			if (isGroupKey(action.key)) return {...state, openGroups: new Set([...state.openGroups, action.key])};
			const collapsed = new Set(state.collapsed);
			collapsed.delete(action.key);
			return {...state, collapsed};
		}
		case 'expand-all':
			return {...state, collapsed: new Set()};
		case 'open':
			return {
				...state,
				mode: action.mode,
				menuIndex: action.menuIndex ?? 0,
				helpScroll: action.mode === 'help' || action.mode === 'exited' ? 0 : state.helpScroll,
				draft: action.mode === 'interval' ? String(state.intervalMs / 1000) : action.mode === 'jump' ? '' : state.draft,
				draftFresh: action.mode === 'interval',
				search: action.mode === 'search' ? '' : state.search,
			};
		case 'open-details':
			return {...state, mode: 'details', detailsKey: action.key, detailsScroll: 0, detailsWholeCommand: false, detailsList: undefined};
		case 'close':
			return {...state, mode: 'list'};
		case 'history-at':
			return {...state, historyAt: action.seq};
		case 'set-columns':
			return {...state, columns: action.columns, menuIndex: action.menuIndex};
		case 'scroll-command':
			return {...state, commandScroll: Math.max(0, action.to)};
		case 'toggle-cpu-graphs':
			return {...state, cpuGraphs: !state.cpuGraphs};
		case 'type':
			if (state.mode === 'filter') return {...state, filter: state.filter + action.text};
			if (state.mode === 'search') return {...state, search: state.search + action.text};
			// A pre-filled value is shown selected: typing replaces it, as in any text field.
			if (state.mode === 'interval' || state.mode === 'nice' || state.mode === 'jump')
				return {...state, draft: state.draftFresh ? action.text : state.draft + action.text, draftFresh: false};
			return state;
		case 'erase': {
			const drop = (text: string) => [...text].slice(0, -1).join('');
			if (state.mode === 'filter') return {...state, filter: drop(state.filter)};
			if (state.mode === 'search') return {...state, search: drop(state.search)};
			if (state.mode === 'interval' || state.mode === 'nice' || state.mode === 'jump')
				return {...state, draft: state.draftFresh ? '' : drop(state.draft), draftFresh: false};
			return state;
		}
		case 'accept':
			return {...state, mode: 'list'};
		case 'cancel':
			if (state.mode === 'filter') return {...state, mode: 'list', filter: ''};
			if (state.mode === 'search') return {...state, mode: 'list', search: ''};
			return {...state, mode: 'list', confirm: undefined, targets: []};
		case 'menu-move':
			return {...state, menuIndex: action.size === 0 ? 0 : clamp(state.menuIndex + action.delta, 0, action.size - 1)};
		case 'set-user':
			return {...state, user: action.user, mode: 'list'};
		case 'set-interval':
			return {
				...state,
				intervalMs: action.intervalMs,
				mode: 'list',
				message: `refresh every ${action.intervalMs / 1000} s`,
				messageSerial: state.messageSerial + 1,
			};
		case 'toggle-pause':
			return {...state, paused: !state.paused};
		case 'toggle-follow':
			return {...state, following: !state.following};
		case 'message':
			return {...state, message: action.text, messageSerial: state.messageSerial + 1};
		case 'expire-message':
			return action.serial === state.messageSerial ? {...state, message: undefined} : state;
		case 'toggle-kernel-threads':
			return {...state, showKernelThreads: !state.showKernelThreads};
		case 'toggle-threads':
			return {...state, showThreads: !state.showThreads};
		case 'untag': {
			const tagged = new Set(state.tagged);
			for (const key of action.keys) tagged.delete(key);
			const next = {...state, tagged};
			return action.message === undefined ? next : {...next, message: action.message, messageSerial: state.messageSerial + 1};
		}
		case 'toggle-whole-command':
			return {...state, detailsWholeCommand: !state.detailsWholeCommand, detailsScroll: 0, detailsList: undefined};
		case 'details-list':
			return {...state, detailsList: state.detailsList === action.list ? undefined : action.list, detailsScroll: 0};
		case 'scroll-help':
			return {...state, helpScroll: clamp(state.helpScroll + action.delta, 0, Math.max(0, action.max))};
		case 'tag': {
			const tagged = new Set(state.tagged);
			// Space toggles one; c tags a whole subtree (on: true) even if some were tagged.
			const on = action.on ?? !action.keys.every(key => tagged.has(key));
			for (const key of action.keys) {
				if (on) tagged.add(key);
				else tagged.delete(key);
			}
			return {...state, tagged};
		}
		case 'untag-all':
			return {...state, tagged: new Set()};
		case 'open-signal':
			return {...state, mode: 'signal', targets: action.targets, menuIndex: action.menuIndex, typed: '', supervisor: action.supervisor};
		case 'target-supervisor':
			return state.supervisor ? {...state, targets: [state.supervisor], supervisor: undefined} : state;
		case 'open-nice':
			return {...state, mode: 'nice', targets: action.targets, draft: action.draft, draftFresh: true};
		case 'pick-signal':
			return {...state, typed: action.typed, menuIndex: action.menuIndex};
		case 'ask':
			return {...state, mode: 'confirm', confirm: action.confirm};
		case 'scroll-details':
			return {...state, detailsScroll: clamp(state.detailsScroll + action.delta, 0, Math.max(0, action.max))};
	}
}
