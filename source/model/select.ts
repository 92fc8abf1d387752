// Pure: the processes a user asked for (user + filter query), in the order they asked for.
// Shared by the batch outputs and the interactive view so both agree on what matches.

import type {ProcessSample} from '../types.js';
import {isEmptyQuery, parseQuery, Rank, rankProcess} from './filter.js';
import {compareProcesses, type SortKeyId} from './sort.js';

export type Selection = {filter: string; user: string | undefined; sort: SortKeyId; inverted: boolean; pids?: readonly number[] | undefined};

/** The user and --pid choices; a thread's row goes with its process (--pid 1234 lists 1234's threads too). */
export function chosenByUserAndPid(process: ProcessSample, user: string | undefined, pids: ReadonlySet<number> | undefined): boolean {
	return (user === undefined || process.user === user) && (!pids || pids.has(process.threadOf ?? process.pid));
}

/** Processes passing the user and filter, sorted; with a filter, better-ranked matches come first. */
export function selectProcesses(processes: readonly ProcessSample[], selection: Selection): ProcessSample[] {
	const query = parseQuery(selection.filter);
	const compare = compareProcesses(selection.sort, selection.inverted);
	const pids = selection.pids ? new Set(selection.pids) : undefined;
	// No filter: every match ranks the same, so sort the processes themselves (no wrapper object
	// per process per tick: at 5,000 processes they were garbage that lived through a sort).
	if (isEmptyQuery(query)) {
		const kept = selection.user === undefined && !pids ? [...processes] : processes.filter(process => chosenByUserAndPid(process, selection.user, pids));
		return kept.sort(compare);
	}
	const ranked: Array<{process: ProcessSample; rank: number}> = [];
	for (const process of processes) {
		if (!chosenByUserAndPid(process, selection.user, pids)) continue;
		const rank = rankProcess(query, process);
		if (rank !== Rank.None) ranked.push({process, rank});
	}
	ranked.sort((a, b) => b.rank - a.rank || compare(a.process, b.process));
	return ranked.map(entry => entry.process);
}
