// Pure, stable process ordering: comparators over the sort keys of the field table
// (fields.ts), with ascending pid as the tie-break.

import type {ProcessSample} from '../types.js';
import {type FieldSort, SORT_KEYS, type SortKeyId} from './fields.js';

export {SORT_KEYS, type SortKeyId} from './fields.js';

export function sortKey(id: SortKeyId): FieldSort {
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
