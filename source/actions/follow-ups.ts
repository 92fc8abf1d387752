// What happened after a signal, as a pure module with an injected clock and identity check:
// "exited after SIGTERM (0.4 s)", "still running; press k to send SIGKILL" (and the next k
// preselects it), a stopped process that got SIGTERM (offer SIGCONT: it acts once continued),
// the subtree kill's SIGKILL question, stopped/resumed processes, and restarts of commands that
// were just killed. No React and no timers: the caller polls while active() and shows events.

import type {Signaller} from './signaller.js';
import type {Confirmation, PickedProcess} from './targets.js';

/** How long a signalled process gets before "still running" (and the subtree SIGKILL question). */
export const GRACE_MS = 3000;
/** A new process with the command of one killed this recently is marked as restarted. */
export const RESTART_WINDOW_MS = 60_000;

type Expectation = 'exit' | 'stop' | 'resume' | 'none';

export type Watch = {
	targets: PickedProcess[];
	signal: string;
	sentAt: number;
	/** Set for the SIGTERM phase of a subtree kill: survivors are asked about. */
	subtree?: {root: PickedProcess; total: number};
	/** Set for the SIGKILL phase of a subtree kill: the tally from the SIGTERM phase. */
	afterTerm?: {root: PickedProcess; byTerm: number};
};

export type FollowUpEvent = {type: 'say'; text: string} | {type: 'ask'; confirm: Confirmation};

export function expectationOf(signal: string): Expectation {
	if (signal === 'SIGSTOP' || signal === 'SIGTSTP') return 'stop';
	if (signal === 'SIGCONT') return 'resume';
	if (signal === 'SIGTERM' || signal === 'SIGKILL' || signal === 'SIGINT' || signal === 'SIGQUIT' || signal === 'SIGHUP') return 'exit';
	return 'none';
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const who = (targets: readonly PickedProcess[]) => (targets.length === 1 ? `${targets[0]!.pid} ${targets[0]!.name}` : `${targets.length} processes`);
const isStopped = (state: string) => state === 'T' || state === 't';

export type FollowUps = ReturnType<typeof createFollowUps>;

export function createFollowUps(options: {check: Signaller['check']; now: () => number; wallNow?: () => number}) {
	const {check, now} = options;
	const wallNow = options.wallNow ?? Date.now;
	let watches: Array<Watch & {expect: Expectation}> = [];
	/** The signal the next `k` should preselect for a process, by identity key. */
	const offer = new Map<string, string>();
	const stopped = new Map<string, PickedProcess>();
	let killed: Array<{command: string; pid: number; at: number}> = [];

	function exitWatch(watch: Watch, states: Array<{target: PickedProcess; state: string | undefined}>, elapsed: number, events: FollowUpEvent[]): boolean {
		// A zombie has exited; only its parent's wait() is missing, so it counts as gone.
		const alive = states.filter(entry => entry.state !== undefined && entry.state !== 'Z');
		const gone = states.filter(entry => !alive.includes(entry)).map(entry => entry.target);
		for (const target of gone)
			if (target.command && !killed.some(entry => entry.pid === target.pid)) killed.push({command: target.command, pid: target.pid, at: wallNow()});
		if (alive.length === 0) {
			for (const target of watch.targets) offer.delete(target.key);
			const text = watch.afterTerm
				? `subtree of ${watch.afterTerm.root.pid} ${watch.afterTerm.root.name}: ${watch.afterTerm.byTerm} exited after SIGTERM, ${watch.targets.length} after SIGKILL; nothing left running`
				: watch.subtree
					? `subtree of ${watch.subtree.root.pid} ${watch.subtree.root.name}: all ${watch.subtree.total} exited after SIGTERM (${seconds(elapsed)})`
					: `${who(watch.targets)} exited after ${watch.signal} (${seconds(elapsed)})`;
			events.push({type: 'say', text});
			return true;
		}
		if (elapsed < GRACE_MS) {
			if (watch.subtree)
				events.push({
					type: 'say',
					text: `subtree of ${watch.subtree.root.pid}: waiting for ${alive.length} of ${watch.subtree.total} after SIGTERM… (${seconds(elapsed)})`,
				});
			return false;
		}
		const survivors = alive.map(entry => entry.target);
		if (watch.subtree) {
			const {root, total} = watch.subtree;
			events.push({
				type: 'ask',
				confirm: {
					kind: 'subtree-kill',
					question: `subtree of ${root.pid} ${root.name}: ${survivors.length} of ${total} still running after SIGTERM. Send SIGKILL to ${survivors.length === 1 ? 'it' : 'them'}?`,
					yes: 'yes, SIGKILL',
					no: 'no, leave them',
					targets: survivors,
					root,
					exitedBefore: total - survivors.length,
				},
			});
			return true;
		}
		const gonePart = gone.length > 0 ? `${gone.length} exited, ` : '';
		const stoppedOnes = alive.filter(entry => isStopped(entry.state!)).map(entry => entry.target);
		const running = survivors.filter(target => !stoppedOnes.includes(target));
		const parts: string[] = [];
		if (stoppedOnes.length > 0) {
			// A stopped process keeps a pending SIGTERM until it runs again: SIGCONT, not SIGKILL.
			for (const target of stoppedOnes) offer.set(target.key, 'SIGCONT');
			parts.push(
				`${who(stoppedOnes)} ${stoppedOnes.length === 1 ? 'is' : 'are'} stopped and will act on ${watch.signal} once continued; press k to send SIGCONT`,
			);
		}
		if (running.length > 0) {
			if (watch.signal === 'SIGKILL') {
				// Nothing stronger exists: a process that outlives SIGKILL is stuck in the kernel.
				parts.push(`${who(running)} still running after SIGKILL: it is inside the kernel (disk wait?) and ends when that call returns`);
			} else {
				for (const target of running) offer.set(target.key, 'SIGKILL');
				parts.push(`${who(running)} still running after ${watch.signal}; press k to send SIGKILL`);
			}
		}
		events.push({type: 'say', text: gonePart + parts.join('; ')});
		return true;
	}

	function stopWatch(
		watch: Watch & {expect: Expectation},
		states: Array<{target: PickedProcess; state: string | undefined}>,
		elapsed: number,
		events: FollowUpEvent[],
	): boolean {
		const alive = states.filter(entry => entry.state !== undefined && entry.state !== 'Z');
		const done = alive.every(entry => (watch.expect === 'stop' ? isStopped(entry.state!) : !isStopped(entry.state!)));
		if (!done && elapsed < GRACE_MS) return false;
		for (const {target} of alive) {
			if (watch.expect === 'stop') stopped.set(target.key, target);
			else {
				stopped.delete(target.key);
				offer.delete(target.key);
			}
		}
		events.push({
			type: 'say',
			text:
				watch.expect === 'stop' ? `${who(watch.targets)} stopped (${watch.signal}); send SIGCONT with k to resume` : `${who(watch.targets)} resumed (SIGCONT)`,
		});
		return true;
	}

	return {
		/** Starts following what `watch.signal` does to its targets (signals with no visible effect are not followed). */
		watch(watch: Omit<Watch, 'sentAt'>) {
			const expect = expectationOf(watch.signal);
			if (expect === 'none') return;
			watches.push({...watch, sentAt: now(), expect});
		},
		active: () => watches.length > 0,
		/** Checks every watched target once; returns what to tell the user. */
		poll(): FollowUpEvent[] {
			const events: FollowUpEvent[] = [];
			const time = now();
			watches = watches.filter(watch => {
				const states = watch.targets.map(target => {
					const result = check(target);
					return {target, state: result.status === 'same' ? result.identity.state : undefined};
				});
				const elapsed = time - watch.sentAt;
				const finished = watch.expect === 'exit' ? exitWatch(watch, states, elapsed, events) : stopWatch(watch, states, elapsed, events);
				return !finished;
			});
			return events;
		},
		/** What `k` should preselect for these processes: the offer made for all of them, else SIGTERM. */
		preferredSignal(keys: readonly string[]): string {
			const offers = new Set(keys.map(key => offer.get(key)));
			return keys.length > 0 && offers.size === 1 ? ([...offers][0] ?? 'SIGTERM') : 'SIGTERM';
		},
		/** Processes we stopped that are still stopped (checked now), for the reminder at quit. */
		stillStopped(): PickedProcess[] {
			return [...stopped.values()].filter(target => {
				const result = check(target);
				return result.status === 'same' && isStopped(result.identity.state);
			});
		},
		/** New processes running the command of one killed in the last minute: a supervisor restarted it. */
		restarts(appeared: ReadonlyArray<{key: string; pid: number; name: string; command: string}>): Array<{key: string; text: string}> {
			if (killed.length === 0 || appeared.length === 0) return [];
			const time = wallNow();
			killed = killed.filter(entry => time - entry.at < RESTART_WINDOW_MS);
			const found: Array<{key: string; text: string}> = [];
			for (const process of appeared) {
				const previous = process.command ? killed.find(entry => entry.command === process.command && entry.pid !== process.pid) : undefined;
				if (previous) found.push({key: process.key, text: `${process.pid} ${process.name} restarted (same command as ${previous.pid}, which was killed)`});
			}
			return found;
		},
	};
}
