// The process the details view shows, fixed when the view opened: live while it runs (its
// details re-read through the platform on each snapshot), and after it exits its last values
// with the time proctop saw it gone. I/O only through platform.readDetails.

import {useMemo, useRef} from 'react';
import type {ProcessDetails} from '../../platform/linux/details.js';
import type {Platform} from '../../platform/platform.js';
import type {ProcessSample, Snapshot} from '../../types.js';

export type ShownDetails = {process: ProcessSample; details: ProcessDetails | undefined; exitedAt?: number; past?: boolean};

/** `past`: the snapshot is a remembered moment, so /proc (which says what is true now) is not read. */
export function useDetails(options: {
	open: boolean;
	key: string | undefined;
	snapshot: Snapshot | undefined;
	platform: Platform;
	past?: boolean;
}): ShownDetails | undefined {
	const {open, key, snapshot, platform, past} = options;
	const seen = useRef<ShownDetails | undefined>(undefined);
	const live = open ? snapshot?.processes.find(process => process.key === key) : undefined;
	// Re-read on every new snapshot while the view is open: the details are live.
	// biome-ignore lint/correctness/useExhaustiveDependencies: snapshot is the clock here; `live` is found in it.
	const details = useMemo(() => (live && platform.readDetails && !past ? platform.readDetails(live.pid) : undefined), [live?.key, snapshot, platform, past]);
	if (!open) seen.current = undefined;
	else if (live) seen.current = {process: live, details, past};
	else if (seen.current && seen.current.exitedAt === undefined) seen.current = {...seen.current, exitedAt: snapshot?.takenAt ?? Date.now()};
	return seen.current;
}
