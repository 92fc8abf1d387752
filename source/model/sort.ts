// Pure, stable process ordering: one table of sort keys, comparators with pid as tie-break.

import type {ProcessSample} from '../types.js';

export type SortKeyId = 'cpu' | 'memory' | 'time' | 'pid' | 'name' | 'user' | 'state' | 'threads' | 'nice' | 'priority' | 'virtual' | 'resident';

type SortKey = {
	id: SortKeyId;
	label: string;
	/** Numbers sort numerically, strings by locale-independent code-unit order. */
	value: (process: ProcessSample) => number | string;
	/** Big-first by default for load figures (as htop), small-first for names and ids. */
	descending: boolean;
};

export const SORT_KEYS: readonly SortKey[] = [
	// First sight has no CPU% yet: sort it below every measured value, including 0.
	{id: 'cpu', label: 'CPU%', value: p => p.cpuPercent ?? -1, descending: true},
	{id: 'memory', label: 'MEM%', value: p => p.residentBytes || p.memoryPercent, descending: true},
	{id: 'time', label: 'TIME+', value: p => p.cpuSeconds, descending: true},
	{id: 'pid', label: 'PID', value: p => p.pid, descending: false},
	{id: 'name', label: 'COMMAND', value: p => p.name.toLowerCase(), descending: false},
	{id: 'user', label: 'USER', value: p => p.user, descending: false},
	{id: 'state', label: 'S', value: p => p.state, descending: false},
	{id: 'threads', label: 'THR', value: p => p.threads, descending: true},
	{id: 'nice', label: 'NI', value: p => p.nice, descending: false},
	{id: 'priority', label: 'PRI', value: p => p.priority, descending: false},
	{id: 'virtual', label: 'VIRT', value: p => p.virtualBytes, descending: true},
	{id: 'resident', label: 'RES', value: p => p.residentBytes, descending: true},
];

export function sortKey(id: SortKeyId): SortKey {
	return SORT_KEYS.find(key => key.id === id)!;
}

export function isSortKeyId(value: string): value is SortKeyId {
	return SORT_KEYS.some(key => key.id === value);
}

/** Comparator for `id`; `inverted` flips the key's natural direction. Ties always go by ascending pid. */
export function compareProcesses(id: SortKeyId, inverted = false): (a: ProcessSample, b: ProcessSample) => number {
	const key = sortKey(id);
	const sign = key.descending !== inverted ? -1 : 1;
	return (a, b) => {
		const left = key.value(a);
		const right = key.value(b);
		const order = left < right ? -1 : left > right ? 1 : 0;
		return order === 0 ? a.pid - b.pid : order * sign;
	};
}

export function sortProcesses(processes: readonly ProcessSample[], id: SortKeyId, inverted = false): ProcessSample[] {
	return [...processes].sort(compareProcesses(id, inverted));
}
