// Test edge: a fake platform (the one object that touches the OS) over a scripted world of
// processes. Its kill and setNice only record what they were asked; the identity re-check reads
// the same world, so a process removed from it has "exited". Every part can be overridden.
import type {Platform} from '../../source/platform/platform.js';
import type {RawProcess} from '../../source/types.js';
import {fakeInspector} from './fake-inspector.js';
import {fakeSource, fakeSystem} from './fake-sampler.js';

export type FakePlatform = Platform & {
	/** Every kill(pid, signal) asked for, in order. */
	sent: Array<[number, NodeJS.Signals | number]>;
	/** Every setNice(tid, nice) asked for, in order. */
	reniced: Array<[number, number]>;
};

export function fakePlatform(options: {world?: () => RawProcess[]} & Partial<Platform> = {}): FakePlatform {
	const {world = () => [], ...overrides} = options;
	const sent: FakePlatform['sent'] = [];
	const reniced: FakePlatform['reniced'] = [];
	return {
		kind: 'linux',
		source: fakeSource(world),
		inspector: fakeInspector(),
		meters: fakeSystem,
		readIdentity(pid) {
			const process = world().find(candidate => candidate.pid === pid);
			return process && {startTicks: process.startTicks, state: process.state, ppid: process.ppid, name: process.name, kernelThread: process.isKernelThread};
		},
		threadsOf: pid => [pid],
		kill: (pid, signal) => void sent.push([pid, signal]),
		setNice: (pid, nice) => void reniced.push([pid, nice]),
		lookUpUser: name => name,
		...overrides,
		sent,
		reniced,
	};
}
