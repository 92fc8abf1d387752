// What the user chose, as a reducer: selection (by identity), sort, tree, filter/search text,
// mode, user, pause, follow and the last message. Pure; the visible rows are derived elsewhere.

import type {SortKeyId} from '../sampling/sort.js';
import {SORT_KEYS} from '../sampling/sort.js';
import type {Options} from '../types.js';
import type {Target} from '../signals.js';

export type Mode = 'list' | 'search' | 'filter' | 'help' | 'users' | 'sort' | 'interval' | 'signal' | 'confirm' | 'nice' | 'details';

/** A process as captured when an action started: the identity later checks are made against. */
export type PickedProcess = Target & {key: string; command: string};

/** A question waiting for y/n: SIGKILL for the survivors of a subtree kill. */
export type Confirmation = {question: string; targets: PickedProcess[]; root: PickedProcess; exitedBefore: number};

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
	filter: string;
	search: string;
	user: string | undefined;
	paused: boolean;
	following: boolean;
	intervalMs: number;
	/** Text being typed in the interval prompt. */
	draft: string;
	/** Highlighted entry of the open menu (users, sort). */
	menuIndex: number;
	message: string | undefined;
	/** Tagged identities: k, X and renice act on all of them. */
	tagged: ReadonlySet<string>;
	/** Targets of the open signal menu or nice prompt, captured when it opened. */
	targets: PickedProcess[];
	/** Digits or letters typed in the signal menu to pick a signal. */
	typed: string;
	confirm: Confirmation | undefined;
	/** First line shown in the details view. */
	detailsScroll: number;
};

export function initialState(options: Pick<Options, 'sort' | 'tree' | 'filter' | 'user' | 'intervalMs'>): UiState {
	return {
		mode: 'list',
		selectedKey: undefined,
		selectedIndex: 0,
		sort: options.sort,
		inverted: false,
		tree: options.tree,
		collapsed: new Set(),
		filter: options.filter,
		search: '',
		user: options.user,
		paused: false,
		following: false,
		intervalMs: options.intervalMs,
		draft: '',
		menuIndex: 0,
		message: undefined,
		tagged: new Set(),
		targets: [],
		typed: '',
		confirm: undefined,
		detailsScroll: 0,
	};
}

/** Row keys in display order, as the view shows them; movement actions need them. */
type Rows = readonly string[];

export type Action =
	| {type: 'move'; delta: number; rows: Rows}
	| {type: 'move-to'; index: number; rows: Rows}
	| {type: 'select'; key: string; index: number; message?: string}
	| {type: 'sort'; sort: SortKeyId}
	| {type: 'cycle-sort'; delta: 1 | -1}
	| {type: 'invert'}
	| {type: 'toggle-tree'}
	| {type: 'collapse'; key: string}
	| {type: 'expand'; key: string}
	| {type: 'expand-all'}
	| {type: 'open'; mode: Exclude<Mode, 'list'>; menuIndex?: number}
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
	| {type: 'tag'; keys: readonly string[]; on?: boolean}
	| {type: 'untag-all'}
	| {type: 'open-signal'; targets: PickedProcess[]; menuIndex: number}
	| {type: 'open-nice'; targets: PickedProcess[]; draft: string}
	| {type: 'pick-signal'; typed: string; menuIndex: number}
	| {type: 'ask'; confirm: Confirmation}
	| {type: 'scroll-details'; delta: number; lines: number};

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
			return {...state, selectedKey: action.key, selectedIndex: action.index, message: action.message ?? state.message};
		case 'sort':
			// Picking the active column again flips the direction, as clicking a header does in htop.
			return {...state, sort: action.sort, inverted: action.sort === state.sort ? !state.inverted : false, mode: state.mode === 'sort' ? 'list' : state.mode};
		case 'cycle-sort': {
			const index = SORT_KEYS.findIndex(key => key.id === state.sort);
			const next = SORT_KEYS[(index + action.delta + SORT_KEYS.length) % SORT_KEYS.length]!;
			return {...state, sort: next.id, inverted: false};
		}
		case 'invert':
			return {...state, inverted: !state.inverted};
		case 'toggle-tree':
			return {...state, tree: !state.tree};
		case 'collapse': {
			const collapsed = new Set(state.collapsed);
			collapsed.add(action.key);
			return {...state, collapsed};
		}
		case 'expand': {
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
				detailsScroll: action.mode === 'details' ? 0 : state.detailsScroll,
				menuIndex: action.menuIndex ?? 0,
				draft: action.mode === 'interval' ? String(state.intervalMs / 1000) : state.draft,
				search: action.mode === 'search' ? '' : state.search,
			};
		case 'close':
			return {...state, mode: 'list'};
		case 'type':
			if (state.mode === 'filter') return {...state, filter: state.filter + action.text};
			if (state.mode === 'search') return {...state, search: state.search + action.text};
			if (state.mode === 'interval' || state.mode === 'nice') return {...state, draft: state.draft + action.text};
			return state;
		case 'erase': {
			const drop = (text: string) => [...text].slice(0, -1).join('');
			if (state.mode === 'filter') return {...state, filter: drop(state.filter)};
			if (state.mode === 'search') return {...state, search: drop(state.search)};
			if (state.mode === 'interval' || state.mode === 'nice') return {...state, draft: drop(state.draft)};
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
			return {...state, intervalMs: action.intervalMs, mode: 'list', message: `refresh every ${action.intervalMs / 1000} s`};
		case 'toggle-pause':
			return {...state, paused: !state.paused};
		case 'toggle-follow':
			return {...state, following: !state.following};
		case 'message':
			return {...state, message: action.text};
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
			return {...state, mode: 'signal', targets: action.targets, menuIndex: action.menuIndex, typed: ''};
		case 'open-nice':
			return {...state, mode: 'nice', targets: action.targets, draft: action.draft};
		case 'pick-signal':
			return {...state, typed: action.typed, menuIndex: action.menuIndex};
		case 'ask':
			return {...state, mode: 'confirm', confirm: action.confirm};
		case 'scroll-details':
			return {...state, detailsScroll: clamp(state.detailsScroll + action.delta, 0, Math.max(0, action.lines - 1))};
	}
}
