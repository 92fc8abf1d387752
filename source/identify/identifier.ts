// The identify stage: gives each process its APP and SERVICE labels (worked out once per process
// identity and kept until it exits or execs) and its listening ports (see ports.ts), by wrapping
// a Sampler. Every read goes through the injected Inspector (the platform's), so this file has
// no I/O of its own and tests hand in a fake.

import {type Sampler, systemClock} from '../sampling/sampler.js';
import {noPause, type Pause, yieldToEvents} from '../sampling/yield.js';
import type {Inspector, Listener, ProcessSample, Snapshot} from '../types.js';
import {labelApp} from './app-label.js';
import {createPortIndex} from './ports.js';
import {cgroupPath, serviceOfPath} from './service.js';

type Known = {name: string; app: string; service: string; cgroup: string};

const NONE: readonly Listener[] = Object.freeze([]);
/** How far "worker of …" may climb: a chain of workers of workers is not worth more. */
const MAX_PARENT_DEPTH = 4;
/** Distinct labels kept for sharing; past this the table starts again (scopes and pids come and go). */
const LABELS_KEPT = 4096;

export type IdentifyOptions = {
	/**
	 * At most this many ms per tick for labelling new processes (the interactive UI: the first
	 * frame must not wait for 5,000 command lines and cgroups). Busiest first; the rest follow on
	 * later ticks, and the first tick leaves ports to the second. Absent: everything, every tick.
	 */
	budgetMs?: number;
	now?: () => number;
};

export function createIdentifier(inspector: Inspector, options: IdentifyOptions = {}) {
	const {budgetMs} = options;
	const now = options.now ?? systemClock.monotonicMs;
	let ticks = 0;
	const known = new Map<string, Known>();
	const {listening, socketsOf, socketsToken} = inspector;
	const ports = createPortIndex(listening && socketsOf ? {listening, socketsOf, socketsToken} : undefined);
	const lookups = {containerName: inspector.containerName, podName: inspector.podName};
	const labels = new Map<string, string>();
	/** The next tick labels no new process: the first frame labels the rows it shows itself (labelNow). */
	let holding = false;

	/**
	 * One string for every process with this label (cgroup path, APP, SERVICE). A label is often a
	 * slice of what it was read from, and V8 keeps a slice's whole text alive: each process's
	 * /proc/<pid>/cgroup text (~1 MB at +5,000 processes here), or its whole command line behind a
	 * script's name. Shared, one text stays per distinct label.
	 */
	function shared(label: string): string {
		const existing = labels.get(label);
		if (existing !== undefined) return existing;
		if (labels.size >= LABELS_KEPT) labels.clear();
		labels.set(label, label);
		return label;
	}

	function describe(process: ProcessSample, byPid: () => Map<number, ProcessSample>, depth: number): Known {
		const entry = known.get(process.key);
		if (entry && entry.name === process.name) return entry;
		const argv = process.isKernelThread ? [] : (inspector.argv(process.pid) ?? (process.command ? process.command.split(' ') : []));
		const app = labelApp({
			argv,
			name: process.name,
			cwd: () => inspector.cwd(process.pid),
			packageNear: dir => inspector.packageNear(dir),
			parentApp() {
				const parent = byPid().get(process.ppid);
				return parent && depth < MAX_PARENT_DEPTH ? describe(parent, byPid, depth + 1).app : undefined;
			},
		});
		const cgroupText = process.isKernelThread ? undefined : inspector.cgroup?.(process.pid);
		// Parsed once: the path is both the CGROUP column and what SERVICE is read from.
		const cgroup = cgroupText ? cgroupPath(cgroupText) : '';
		const service = cgroupText ? serviceOfPath(cgroup, lookups) : '';
		const described = {name: process.name, app: shared(app), service: shared(service), cgroup: shared(cgroup)};
		known.set(process.key, described);
		return described;
	}

	/** A process's labels, worked out (or known) and written onto its sample. */
	function label(process: ProcessSample, byPid: () => Map<number, ProcessSample>): void {
		const {app, service, cgroup} = describe(process, byPid, 0);
		process.app = app;
		process.service = service;
		process.cgroup = cgroup;
	}

	/** The snapshot's processes by pid, made only if a parent is asked for ("worker of …"). */
	function pidIndex(snapshot: Snapshot): () => Map<number, ProcessSample> {
		let pids: Map<number, ProcessSample> | undefined;
		return () => (pids ??= new Map(snapshot.processes.map(process => [process.pid, process])));
	}

	/** Labels these processes of the snapshot now, wherever they stand in the queue; the samples labelled. */
	function labelNow(snapshot: Snapshot, pids: Iterable<number>): ProcessSample[] {
		const wanted = new Set(pids);
		const byPid = pidIndex(snapshot);
		const labelled = snapshot.processes.filter(process => wanted.has(process.pid));
		for (const process of labelled) label(process, byPid);
		return labelled;
	}

	/** `pause` is taken between slices of the port scan's fd walk (yieldToEvents in the program). */
	async function identify(snapshot: Snapshot, pause: Pause = noPause): Promise<Snapshot> {
		ticks++;
		const held = holding;
		holding = false;
		const start = now();
		for (const gone of snapshot.changes.exited) known.delete(gone.key);
		// One pass: known processes get their labels; new ones (or exec'd since: a new name) wait.
		const waiting: ProcessSample[] = [];
		const {processes} = snapshot;
		// Indexed, not for…of: run once a tick, this loop stays unoptimised, where each step of an
		// array iterator allocates its result.
		for (let index = 0; index < processes.length; index++) {
			const process = processes[index]!;
			const entry = known.get(process.key);
			if (entry && entry.name === process.name) {
				process.app = entry.app;
				process.service = entry.service;
				process.cgroup = entry.cgroup;
			} else waiting.push(process);
		}
		if (waiting.length > 0 && !held) {
			const byPid = pidIndex(snapshot);
			// With a budget, the busiest first: they are the rows on screen.
			if (budgetMs !== undefined) waiting.sort((a, b) => (b.cpuPercent ?? -1) - (a.cpuPercent ?? -1));
			for (const [index, process] of waiting.entries()) {
				if (budgetMs !== undefined && index % 16 === 0 && now() - start > budgetMs) break;
				label(process, byPid);
			}
		}
		// The first frame does not wait for every process's fds; the second tick finds the ports.
		if (budgetMs !== undefined && ticks === 1) return snapshot;
		const {appeared, exited} = snapshot.changes;
		const scan = await ports.scan(snapshot.processes, {appeared: new Set(appeared), exitedPids: new Set(exited.map(gone => gone.pid))}, pause);
		if (scan.byPid.size > 0) for (let index = 0; index < processes.length; index++) processes[index]!.ports = scan.byPid.get(processes[index]!.pid) ?? NONE;
		snapshot.unseenListeners = scan.unseen;
		return snapshot;
	}

	return {
		identify,
		labelNow,
		holdNext() {
			holding = true;
		},
	};
}

/** The first frame's say in labelling: hold the next tick's, then label the rows on screen. */
export type Labelling = Pick<ReturnType<typeof createIdentifier>, 'holdNext' | 'labelNow'>;

/** A Sampler whose snapshots carry app, service and ports. */
export function identifyingSampler(sampler: Sampler, inspector: Inspector, options: IdentifyOptions = {}): Sampler & {labelling: Labelling} {
	const identifier = createIdentifier(inspector, options);
	return {
		source: sampler.source,
		labelling: identifier,
		sample: async () => {
			const snapshot = await sampler.sample();
			// Labelling takes up to its budget in one piece: let a waiting key in first.
			await yieldToEvents();
			return identifier.identify(snapshot, yieldToEvents);
		},
	};
}
