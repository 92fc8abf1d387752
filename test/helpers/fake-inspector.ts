// Test edge: a fake Inspector over scripted facts: arguments, working directories, package.json
// files, cgroup texts, listening sockets and which pid holds which socket inode. Counts how often
// each pid's fds were read, so tests can check that quiet ticks read none.
import type {Inspector, Listener} from '../../source/types.js';

export type FakeFacts = {
	argv?: Record<number, string[]>;
	cwd?: Record<number, string>;
	packages?: Record<string, string>;
	cgroup?: Record<number, string>;
	listening?: Map<string, Listener>;
	/** pid → inodes, or 'denied' for a process whose fds we may not read. */
	sockets?: Record<number, string[] | 'denied'>;
	/** The cheap change token (sockstat's counters); absent: the tables are read every tick. */
	token?: string;
};

export function fakeInspector(facts: () => FakeFacts = () => ({})): Inspector & {fdReads: number[]; tableReads: () => number} {
	const fdReads: number[] = [];
	let tableReads = 0;
	return {
		fdReads,
		tableReads: () => tableReads,
		argv: pid => facts().argv?.[pid],
		cwd: pid => facts().cwd?.[pid],
		packageNear(dir) {
			for (let at = dir; ; at = at.slice(0, at.lastIndexOf('/')) || '/') {
				const name = facts().packages?.[at];
				if (name) return {name, dir: at};
				if (at === '/') return undefined;
			}
		},
		cgroup: pid => facts().cgroup?.[pid],
		listening() {
			tableReads++;
			return facts().listening ?? new Map();
		},
		socketsToken: () => facts().token,
		socketsOf(pid) {
			fdReads.push(pid);
			return facts().sockets?.[pid] ?? [];
		},
	};
}
