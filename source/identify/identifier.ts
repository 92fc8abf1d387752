// The identify stage: gives each process its APP and SERVICE labels (worked out once per process
// identity and kept until it exits or execs) and its listening ports (see ports.ts), by wrapping
// a Sampler. Every read goes through the injected Inspector (the platform's), so this file has
// no I/O of its own and tests hand in a fake.

import type {Sampler} from '../sampling/sampler.js';
import type {Inspector, Listener, ProcessSample, Snapshot} from '../types.js';
import {labelApp} from './app-label.js';
import {createPortIndex} from './ports.js';
import {serviceOf} from './service.js';

type Known = {name: string; app: string; service: string};

const NONE: readonly Listener[] = Object.freeze([]);
/** How far "worker of …" may climb: a chain of workers of workers is not worth more. */
const MAX_PARENT_DEPTH = 4;

export function createIdentifier(inspector: Inspector) {
	const known = new Map<string, Known>();
	const {listening, socketsOf} = inspector;
	const ports = createPortIndex(listening && socketsOf ? {listening, socketsOf} : undefined);
	const lookups = {containerName: inspector.containerName, podName: inspector.podName};

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
		const service = process.isKernelThread ? '' : serviceOf(inspector.cgroup?.(process.pid), lookups);
		const described = {name: process.name, app, service};
		known.set(process.key, described);
		return described;
	}

	function identify(snapshot: Snapshot): Snapshot {
		for (const gone of snapshot.changes.exited) known.delete(gone.key);
		let pids: Map<number, ProcessSample> | undefined;
		const byPid = () => (pids ??= new Map(snapshot.processes.map(process => [process.pid, process])));
		for (const process of snapshot.processes) {
			const {app, service} = describe(process, byPid, 0);
			process.app = app;
			process.service = service;
		}
		const scan = ports.scan(snapshot.processes, new Set(snapshot.changes.appeared));
		if (scan.byPid.size > 0) for (const process of snapshot.processes) process.ports = scan.byPid.get(process.pid) ?? NONE;
		snapshot.unseenListeners = scan.unseen;
		return snapshot;
	}

	return {identify};
}

/** A Sampler whose snapshots carry app, service and ports. */
export function identifyingSampler(sampler: Sampler, inspector: Inspector): Sampler {
	const identifier = createIdentifier(inspector);
	return {
		source: sampler.source,
		sample: async () => identifier.identify(await sampler.sample()),
	};
}
