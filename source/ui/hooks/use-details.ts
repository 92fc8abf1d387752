// The process the details view shows, fixed when the view opened: live while it runs (its
// details re-read through the platform on each snapshot), and after it exits its last values
// with the time proctop saw it gone; and the list asked for (environment, open files), re-read
// like the details. I/O only through platform.readDetails / readEnvironment / readOpenFiles.

import {useMemo, useRef} from 'react';
import type {Maybe, ProcessDetails} from '../../platform/linux/details.js';
import type {OpenFile} from '../../platform/linux/process-lists.js';
import type {Platform} from '../../platform/platform.js';
import type {ProcessSample, Snapshot} from '../../types.js';

/** A list the details view shows instead of its summary; `entries` undefined: not readable here (another platform, the past). */
export type DetailsListShown = {kind: 'environment'; entries?: Maybe<string[]>} | {kind: 'files'; entries?: Maybe<OpenFile[]>};

export type ShownDetails = {process: ProcessSample; details: ProcessDetails | undefined; exitedAt?: number; past?: boolean; list?: DetailsListShown};

/** `past`: the snapshot is a remembered moment, so /proc (which says what is true now) is not read. */
export function useDetails(options: {
	open: boolean;
	key: string | undefined;
	snapshot: Snapshot | undefined;
	platform: Platform;
	past?: boolean;
	list?: 'environment' | 'files';
}): ShownDetails | undefined {
	const {open, key, snapshot, platform, past, list} = options;
	const seen = useRef<ShownDetails | undefined>(undefined);
	const live = open ? snapshot?.processes.find(process => process.key === key) : undefined;
	// Re-read on every new snapshot while the view is open: the details are live.
	// biome-ignore lint/correctness/useExhaustiveDependencies: snapshot is the clock here; `live` is found in it.
	const details = useMemo(() => (live && platform.readDetails && !past ? platform.readDetails(live.pid) : undefined), [live?.key, snapshot, platform, past]);
	// biome-ignore lint/correctness/useExhaustiveDependencies: snapshot is the clock here too.
	const shownList = useMemo((): DetailsListShown | undefined => {
		if (!list) return undefined;
		const readable = live && !past;
		if (list === 'environment') return {kind: 'environment', entries: readable ? platform.readEnvironment?.(live.pid) : undefined};
		return {kind: 'files', entries: readable ? platform.readOpenFiles?.(live.pid) : undefined};
	}, [list, live?.key, snapshot, platform, past]);
	if (!open) seen.current = undefined;
	else if (live) seen.current = {process: live, details, past, list: shownList};
	else if (seen.current && seen.current.exitedAt === undefined) seen.current = {...seen.current, exitedAt: snapshot?.takenAt ?? Date.now()};
	return seen.current;
}
