// Pure derivation of what the table shows: ordered rows (flat or tree, filtered, by user),
// the resolved selection, and the window of rows that fits on screen. No React, no I/O.

import type {ProcessSample} from '../types.js';
import {isEmptyQuery, type MatchResult, matchProcess, parseQuery, Rank, rankProcess} from './filter.js';
import {groupRows} from './group.js';
import {chosenByUserAndPid, selectProcesses} from './select.js';
import {compareProcesses, type SortKeyId} from './sort.js';
import {buildForest, flattenForest, withAncestors} from './tree.js';

export type ViewRow = {
	process: ProcessSample;
	/** Tree guide ("│  ├─ "), '' in flat view. */
	prefix: string;
	hasChildren: boolean;
	collapsed: boolean;
	hiddenDescendants: number;
	/** Set on a group-by-app row: the processes it stands for (the row itself is no process). */
	group?: readonly ProcessSample[];
};

/** What the listed rows depend on: the user's choices (the UI's state has these fields). */
export type RowsInput = {
	sort: SortKeyId;
	inverted: boolean;
	tree: boolean;
	/** Identity keys of collapsed branches. */
	collapsed: ReadonlySet<string>;
	filter: string;
	user: string | undefined;
	pids?: readonly number[] | undefined;
	/** false hides kernel threads (the UI's default, as htop's); absent shows everything (batch). */
	showKernelThreads?: boolean;
	/** One row per app label (tree off); `openGroups` lists the group keys shown open. */
	grouped?: boolean;
	openGroups?: ReadonlySet<string>;
};

/**
 * A flat view's rows, one per sample object, made once and shared. Such a row says nothing but
 * which process it is, and the sampler rewrites each identity's two sample objects in place
 * (sampling/sampler.ts), so the same row serves every tick that object is published on. Why: a
 * new row per process per tick lived until the next tick and was promoted by V8 (at 5,000
 * processes ~0.35 MB a second of old-generation garbage, half of all that was promoted).
 * Nobody writes a row: they are shared between every list built from the same samples.
 */
const flatRows = new WeakMap<ProcessSample, ViewRow>();

function flatRowOf(process: ProcessSample): ViewRow {
	let row = flatRows.get(process);
	if (!row) {
		row = {process, prefix: '', hasChildren: false, collapsed: false, hiddenDescendants: 0};
		flatRows.set(process, row);
	}
	return row;
}

/** Every row in display order. Tree view sorts among siblings and keeps a match's ancestors. */
export function buildRows(all: readonly ProcessSample[], input: RowsInput): ViewRow[] {
	const processes = input.showKernelThreads === false ? all.filter(process => !process.isKernelThread) : all;
	if (input.grouped && !input.tree) {
		const selected = selectProcesses(processes, {filter: input.filter, user: input.user, sort: input.sort, inverted: input.inverted, pids: input.pids});
		return groupRows(selected, {sort: input.sort, inverted: input.inverted, open: input.openGroups ?? new Set()});
	}
	if (!input.tree) {
		return selectProcesses(processes, {filter: input.filter, user: input.user, sort: input.sort, inverted: input.inverted, pids: input.pids}).map(flatRowOf);
	}
	const forest = buildForest(processes);
	const query = parseQuery(input.filter);
	let keep: Set<string> | undefined;
	if (!isEmptyQuery(query) || input.user !== undefined || input.pids) {
		const pids = input.pids ? new Set(input.pids) : undefined;
		const matches = processes.filter(
			process => chosenByUserAndPid(process, input.user, pids) && (isEmptyQuery(query) || rankProcess(query, process) !== Rank.None),
		);
		keep = withAncestors(
			forest,
			matches.map(process => process.key),
		);
	}
	return flattenForest(forest, {compare: compareProcesses(input.sort, input.inverted), collapsed: input.collapsed, keep}).map(row => ({
		process: row.item,
		prefix: row.prefix,
		hasChildren: row.hasChildren,
		collapsed: row.collapsed,
		hiddenDescendants: row.hiddenDescendants,
	}));
}

export type Window = {
	/** Index of the selected row in `rows` (-1 when there are no rows). */
	selectedIndex: number;
	/** First row shown. */
	top: number;
	/** The rows that fitCell, top to bottom. */
	visible: ViewRow[];
};

/**
 * The selection resolved against the rows (by identity; if that process is gone, the row now
 * at its old index — its neighbour) and a scroll position that keeps it in view, moving as
 * little as possible from `previousTop`. Following centres the selection.
 */
export function windowRows(
	rows: readonly ViewRow[],
	options: {selectedKey: string | undefined; selectedIndex: number; height: number; previousTop: number; following: boolean},
): Window {
	const height = Math.max(0, options.height);
	if (rows.length === 0) return {selectedIndex: -1, top: 0, visible: []};
	let selectedIndex = options.selectedKey === undefined ? -1 : rows.findIndex(row => row.process.key === options.selectedKey);
	if (selectedIndex === -1) selectedIndex = Math.max(0, Math.min(options.selectedIndex, rows.length - 1));
	let top = options.previousTop;
	if (options.following) top = selectedIndex - Math.floor(height / 2);
	if (selectedIndex < top) top = selectedIndex;
	if (selectedIndex >= top + height) top = selectedIndex - height + 1;
	top = Math.max(0, Math.min(top, rows.length - height));
	return {selectedIndex, top, visible: rows.slice(top, top + height)};
}

/**
 * Index of a row matching `query`, scanning from `from` and wrapping. 'best' (typing a search)
 * takes the best-ranked match, nearest first among equals; 'next' (the n key) the first match.
 */
export function findMatch(rows: readonly ViewRow[], query: string, from: number, how: 'best' | 'next'): number {
	const parsed = parseQuery(query);
	if (isEmptyQuery(parsed) || rows.length === 0) return -1;
	let best = -1;
	let bestRank: number = Rank.None;
	const start = ((from % rows.length) + rows.length) % rows.length;
	for (let offset = 0; offset < rows.length; offset++) {
		const index = (start + offset) % rows.length;
		const rank = rankProcess(parsed, rows[index]!.process);
		if (rank > bestRank) {
			best = index;
			bestRank = rank;
			if (how === 'next' || rank === Rank.Exact) break;
		}
	}
	return best;
}

/** How many rows match `query` (a search's count of matches). */
export function countMatches(rows: readonly ViewRow[], query: string): number {
	const parsed = parseQuery(query);
	if (isEmptyQuery(parsed)) return 0;
	let count = 0;
	for (const row of rows) if (rankProcess(parsed, row.process) !== Rank.None) count++;
	return count;
}

/** Positions to highlight in a row for the active filter or search text. */
export function highlightFor(process: ProcessSample, query: string): MatchResult | undefined {
	const parsed = parseQuery(query);
	if (isEmptyQuery(parsed)) return undefined;
	const match = matchProcess(parsed, process);
	return match.rank === Rank.None ? undefined : match;
}
