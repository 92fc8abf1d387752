// What the UI runs on during `--replay`: a platform that never touches the live machine (no
// signals, no renice, no /proc) and a sampler that answers with the recording's last moment (the
// UI starts at the first and steps through the rest as history). Pure over the replay.

import type {Platform} from '../platform/platform.js';
import type {Sampler} from '../sampling/sampler.js';
import type {Snapshot} from '../types.js';
import {type Replay, systemOf} from './replay.js';

const refuse = () => {
	throw Object.assign(new Error('a replay is read-only: nothing is ever sent'), {code: 'EPERM'});
};

export function replayPlatform(replay: Replay): Platform & {sampler: Sampler} {
	const newest = replay.range()?.newest ?? 0;
	const last = replay.at(newest);
	const system = systemOf(replay, last?.system);
	const snapshot: Snapshot | undefined = last?.snapshot;
	const source = {
		name: 'remote' as const,
		cpuKind: 'delta' as const,
		clockTicks: 100,
		bootTimeMs: 0,
		read: () => Promise.reject(new Error('a replay has no process table of its own')),
	};
	return {
		kind: 'other',
		source,
		inspector: {argv: () => undefined, cwd: () => undefined, packageNear: () => undefined},
		meters: {read: async () => system},
		readIdentity: () => undefined,
		threadsOf: pid => [pid],
		kill: refuse,
		setNice: refuse,
		lookUpUser: name => name,
		sampler: {
			source,
			async sample() {
				if (!snapshot) throw new Error('the recording holds no moments');
				return snapshot;
			},
		},
	};
}
