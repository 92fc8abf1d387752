// Pure: the processes a user asked for (user + filter query), in the order they asked for.
// Shared by the batch outputs and the interactive view so both agree on what matches.

import type {ProcessSample} from '../types.js';
import {isEmptyQuery, matchProcess, parseQuery, Rank} from './filter.js';
import {compareProcesses, type SortKeyId} from './sort.js';

export type Selection = {filter: string; user: string | undefined; sort: SortKeyId; inverted: boolean; pids?: readonly number[] | undefined};

/** Processes passing the user and filter, sorted; with a filter, better-ranked matches come first. */
export function selectProcesses(processes: readonly ProcessSample[], selection: Selection): ProcessSample[] {
	const query = parseQuery(selection.filter);
	const compare = compareProcesses(selection.sort, selection.inverted);
	const ranked: Array<{process: ProcessSample; rank: number}> = [];
	const pids = selection.pids ? new Set(selection.pids) : undefined;
	for (const process of processes) {
		if (selection.user !== undefined && process.user !== selection.user) continue;
		// A thread's row goes with its process: --pid 1234 lists 1234's threads too.
		if (pids && !pids.has(process.threadOf ?? process.pid)) continue;
		const rank = isEmptyQuery(query) ? Rank.Exact : matchProcess(query, process).rank;
		if (rank !== Rank.None) ranked.push({process, rank});
	}
	ranked.sort((a, b) => b.rank - a.rank || compare(a.process, b.process));
	return ranked.map(entry => entry.process);
}
