// `proctop --kill :PORT`: find the processes listening on a port from one identified sample, send
// each SIGTERM through the identity-checked signaller, wait for them to end (up to a timeout),
// escalate to SIGKILL only when asked (--force), and report how each ended and whether the port
// is free. No I/O of its own: the sampler, signaller, socket table, clock and output are given.

import {restartingParent} from '../identify/supervisor.js';
import type {Sampler} from '../sampling/sampler.js';
import type {Listener, ProcessSample} from '../types.js';
import type {Signaller, Target} from './signaller.js';

export type KillPortOptions = {
	ports: readonly number[];
	sampler: Sampler;
	signaller: Signaller;
	/** The listening sockets now (to say whether the port is free at the end). */
	listening: () => ReadonlyMap<string, Listener>;
	timeoutMs: number;
	force: boolean;
	sleep: (ms: number) => Promise<void>;
	now: () => number;
	/** A line of the report (stdout). */
	say: (line: string) => void;
	/** A line about something that went wrong (stderr). */
	warn: (line: string) => void;
};

const POLL_MS = 100;
const KILL_WAIT_MS = 2000;
const SETTLE_MS = 500;

type Sent = {target: Target; process: ProcessSample; port: number; endedAt?: number; signal: string};

const label = (process: ProcessSample) => `${process.pid} ${process.name}${process.app && process.app !== process.name ? ` (${process.app})` : ''}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Parents first, so a pre-fork server's master ends before its workers are asked. */
function parentsFirst(processes: ProcessSample[]): ProcessSample[] {
	const pids = new Set(processes.map(process => process.pid));
	return [...processes.filter(process => !pids.has(process.ppid)), ...processes.filter(process => pids.has(process.ppid))];
}

async function waitForEnd(sent: Sent[], options: KillPortOptions, budgetMs: number): Promise<void> {
	const deadline = options.now() + budgetMs;
	for (;;) {
		for (const entry of sent) {
			if (entry.endedAt !== undefined) continue;
			const now = options.signaller.check(entry.target);
			// A zombie has closed its sockets: for the port, it has ended.
			if (now.status !== 'same' || now.identity.state === 'Z') entry.endedAt = options.now();
		}
		if (sent.every(entry => entry.endedAt !== undefined) || options.now() >= deadline) return;
		await options.sleep(POLL_MS);
	}
}

function send(entries: Sent[], signal: string, options: KillPortOptions): Sent[] {
	const delivered: Sent[] = [];
	for (const entry of entries) {
		const outcome = options.signaller.send(entry.target, signal);
		if (outcome.ok) delivered.push(Object.assign(entry, {signal}));
		else if (outcome.reason === 'exited') entry.endedAt = options.now();
		else options.warn(`proctop: ${outcome.message}`);
	}
	return delivered;
}

/** Runs the whole --kill; resolves to the exit code (0: every port is free now). */
export async function killPort(options: KillPortOptions): Promise<number> {
	const snapshot = await options.sampler.sample();
	const byPid = new Map(snapshot.processes.map(process => [process.pid, process]));
	let code = 0;
	const toSignal: Sent[] = [];
	for (const port of options.ports) {
		const holders = parentsFirst(snapshot.processes.filter(process => process.ports.some(listener => listener.port === port)));
		if (holders.length === 0) {
			const unseen = snapshot.unseenListeners.some(listener => listener.port === port);
			options.warn(
				unseen
					? `proctop: not permitted: :${port} is held by a process you cannot see (another user's; run with sudo); nothing was sent`
					: `proctop: nothing is listening on :${port}`,
			);
			code = 1;
			continue;
		}
		for (const process of holders) {
			const parent = restartingParent(process, pid => byPid.get(pid));
			if (parent && !holders.includes(parent))
				options.say(`note: ${process.pid} was started by ${label(parent)}, which may start it again; stop that one to stop it for good`);
			toSignal.push({target: {pid: process.pid, startTicks: process.startTicks, name: process.name, user: process.user}, process, port, signal: 'SIGTERM'});
		}
	}
	const start = options.now();
	const asked = send(toSignal, 'SIGTERM', options);
	await waitForEnd(asked, options, options.timeoutMs);
	const survivors = asked.filter(entry => entry.endedAt === undefined);
	if (options.force && survivors.length > 0) {
		await waitForEnd(send(survivors, 'SIGKILL', options), options, KILL_WAIT_MS);
	}
	for (const entry of asked) {
		const on = `on :${entry.port}`;
		if (entry.endedAt !== undefined) options.say(`${label(entry.process)} ${on}: ended after ${entry.signal} (${seconds(entry.endedAt - start)})`);
		else
			options.say(
				`${label(entry.process)} ${on}: still running ${seconds(options.now() - start)} after ${entry.signal}${options.force ? '' : '; add --force to send SIGKILL'}`,
			);
	}
	// The port, not the process, is what the user asked about: a supervisor may have restarted it.
	// The kernel may list a listener for a moment after its process ended: give it that moment.
	const asking = options.ports.filter(port => toSignal.some(entry => entry.port === port));
	const inUse = () => {
		const listening = [...options.listening().values()];
		return asking.filter(port => listening.some(listener => listener.port === port));
	};
	const settle = options.now() + SETTLE_MS;
	while (inUse().length > 0 && options.now() < settle) await options.sleep(POLL_MS);
	const busy = inUse();
	for (const port of asking) {
		if (busy.includes(port)) {
			options.warn(`proctop: :${port} is still in use`);
			code = 1;
		} else options.say(`:${port} is free`);
	}
	return code;
}
