// Group by app (pure): one row per APP label with the count and the sums of CPU%, MEM%, RES,
// VIRT, threads and CPU time, sorted by the current sort like any row; an open group lists its
// processes beneath it. A group row stands for many processes and is no process itself: its
// pid is -1, so nothing can be signalled through it by mistake (the signaller refuses pid ≤ 0).

import type {ProcessSample} from '../types.js';
import {compareProcesses, type SortKeyId} from './sort.js';
import type {ViewRow} from './view.js';

export const GROUP_KEY_PREFIX = 'app:';

export const isGroupKey = (key: string | undefined) => key?.startsWith(GROUP_KEY_PREFIX) ?? false;

const labelOf = (process: ProcessSample) => process.app || process.name;

function sum(members: readonly ProcessSample[], value: (process: ProcessSample) => number): number {
	let total = 0;
	for (const member of members) total += value(member);
	return total;
}

/** The row that stands for a group: its members' sums, and its label as name and app. */
export function groupSample(app: string, members: readonly ProcessSample[]): ProcessSample {
	const [first] = members as [ProcessSample];
	const users = new Set(members.map(member => member.user));
	const measured = members.filter(member => member.cpuPercent !== null);
	return {
		...first,
		pid: -1,
		ppid: -1,
		key: `${GROUP_KEY_PREFIX}${app}`,
		name: app,
		app,
		command: `${members.length} ${members.length === 1 ? 'process' : 'processes'}`,
		user: users.size === 1 ? first.user : `${users.size} users`,
		state: members.some(member => member.state === 'R') ? 'R' : first.state,
		cpuPercent: measured.length === 0 ? null : sum(measured, member => member.cpuPercent!),
		memoryPercent: sum(members, member => member.memoryPercent),
		residentBytes: sum(members, member => member.residentBytes),
		virtualBytes: sum(members, member => member.virtualBytes),
		threads: sum(members, member => member.threads),
		cpuSeconds: sum(members, member => member.cpuSeconds),
		ports: members.flatMap(member => member.ports),
		isKernelThread: members.every(member => member.isKernelThread),
		isOrphan: false,
	};
}

/** Rows grouped by app: each group, then (when open) its members, all in the current sort. */
export function groupRows(processes: readonly ProcessSample[], input: {sort: SortKeyId; inverted: boolean; open: ReadonlySet<string>}): ViewRow[] {
	const byApp = new Map<string, ProcessSample[]>();
	for (const process of processes) {
		const label = labelOf(process);
		const members = byApp.get(label);
		if (members) members.push(process);
		else byApp.set(label, [process]);
	}
	const compare = compareProcesses(input.sort, input.inverted);
	const groups = [...byApp].map(([app, members]) => ({sample: groupSample(app, members), members}));
	groups.sort((a, b) => compare(a.sample, b.sample));
	const rows: ViewRow[] = [];
	for (const {sample, members} of groups) {
		const open = input.open.has(sample.key);
		rows.push({process: sample, prefix: '', hasChildren: true, collapsed: !open, hiddenDescendants: open ? 0 : members.length, group: members});
		if (!open) continue;
		const sorted = [...members].sort(compare);
		sorted.forEach((member, index) => {
			rows.push({process: member, prefix: index === sorted.length - 1 ? ' └─ ' : ' ├─ ', hasChildren: false, collapsed: false, hiddenDescendants: 0});
		});
	}
	return rows;
}
