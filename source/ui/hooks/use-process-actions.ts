// Acting on processes from the UI: sends signals through the signaller (identity-checked),
// then follows what happened — exited after N s, still running (offer SIGKILL), stopped,
// resumed — and runs the two-step subtree kill. Also notices restarts of killed commands and
// remembers processes left stopped, for the reminder at quit. I/O only via the signaller.

import {useCallback, useEffect, useRef, useState} from 'react';
import type {Snapshot} from '../../types.js';
import type {Signaller} from '../../signals.js';
import type {Action, Confirmation, PickedProcess} from '../state.js';

/** How long a signalled process gets before "still running" (and the subtree SIGKILL question). */
export const GRACE_MS = 3000;
const POLL_MS = 100;
/** A new process with the command of one killed this recently is marked as restarted. */
const RESTART_WINDOW_MS = 60_000;

type Expectation = 'exit' | 'stop' | 'resume' | 'none';

type Watch = {
	targets: PickedProcess[];
	signal: NodeJS.Signals;
	sentAt: number;
	expect: Expectation;
	/** Set for the SIGTERM phase of a subtree kill: survivors are asked about. */
	subtree?: {root: PickedProcess; total: number};
	/** Set for the SIGKILL phase of a subtree kill: the tally from the SIGTERM phase. */
	afterTerm?: {root: PickedProcess; byTerm: number};
};

function expectationOf(signal: NodeJS.Signals): Expectation {
	if (signal === 'SIGSTOP' || signal === 'SIGTSTP') return 'stop';
	if (signal === 'SIGCONT') return 'resume';
	if (signal === 'SIGTERM' || signal === 'SIGKILL' || signal === 'SIGINT' || signal === 'SIGQUIT' || signal === 'SIGHUP') return 'exit';
	return 'none';
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const who = (targets: readonly PickedProcess[]) => (targets.length === 1 ? `${targets[0]!.pid} ${targets[0]!.name}` : `${targets.length} processes`);

export type ProcessActions = ReturnType<typeof useProcessActions>;

export function useProcessActions(options: {signaller: Signaller; dispatch: (action: Action) => void; snapshot: Snapshot | undefined; readonly?: boolean}) {
	const {signaller, dispatch, snapshot} = options;
	const watches = useRef<Watch[]>([]);
	const escalate = useRef(new Set<string>());
	const stopped = useRef(new Map<string, PickedProcess>());
	const killed = useRef<Array<{command: string; pid: number; at: number}>>([]);
	const [restarted, setRestarted] = useState<ReadonlySet<string>>(new Set());
	const timer = useRef<NodeJS.Timeout | undefined>(undefined);
	const say = useCallback((text: string) => dispatch({type: 'message', text}), [dispatch]);

	const poll = useCallback(() => {
		const now = performance.now();
		const remaining: Watch[] = [];
		for (const watch of watches.current) {
			const states = watch.targets.map(target => ({target, now: signaller.check(target)}));
			// A zombie has exited; only its parent's wait() is missing, so it counts as gone.
			const alive = states.filter(entry => entry.now.status === 'same' && entry.now.identity.state !== 'Z');
			const elapsed = now - watch.sentAt;
			if (watch.expect === 'exit') {
				const gone = states.filter(entry => !alive.includes(entry)).map(entry => entry.target);
				for (const target of gone) if (target.command) killed.current.push({command: target.command, pid: target.pid, at: Date.now()});
				if (alive.length === 0) {
					for (const target of watch.targets) escalate.current.delete(target.key);
					if (watch.afterTerm) say(`subtree of ${watch.afterTerm.root.pid} ${watch.afterTerm.root.name}: ${watch.afterTerm.byTerm} exited after SIGTERM, ${watch.targets.length} after SIGKILL; nothing left running`);
					else if (watch.subtree) say(`subtree of ${watch.subtree.root.pid} ${watch.subtree.root.name}: all ${watch.subtree.total} exited after SIGTERM (${seconds(elapsed)})`);
					else say(`${who(watch.targets)} exited after ${watch.signal} (${seconds(elapsed)})`);
					continue;
				}
				if (elapsed >= GRACE_MS) {
					const survivors = alive.map(entry => entry.target);
					if (watch.subtree) {
						dispatch({
							type: 'ask',
							confirm: {
								question: `subtree of ${watch.subtree.root.pid} ${watch.subtree.root.name}: ${survivors.length} of ${watch.subtree.total} still running after SIGTERM. Send SIGKILL to ${survivors.length === 1 ? 'it' : 'them'}?`,
								targets: survivors,
								root: watch.subtree.root,
								exitedBefore: watch.subtree.total - survivors.length,
							},
						});
					} else {
						for (const target of survivors) escalate.current.add(target.key);
						const gonePart = gone.length > 0 ? `${gone.length} exited, ` : '';
						say(`${gonePart}${who(survivors)} still running after ${watch.signal}; press k to send SIGKILL`);
					}
					continue;
				}
				if (watch.subtree) say(`subtree of ${watch.subtree.root.pid}: waiting for ${alive.length} of ${watch.subtree.total} after SIGTERM… (${seconds(elapsed)})`);
				remaining.push(watch);
				continue;
			}
			if (watch.expect === 'stop' || watch.expect === 'resume') {
				const done = alive.every(entry => entry.now.status === 'same' && (watch.expect === 'stop' ? entry.now.identity.state === 'T' || entry.now.identity.state === 't' : entry.now.identity.state !== 'T'));
				if (done || elapsed >= GRACE_MS) {
					for (const {target} of alive) {
						if (watch.expect === 'stop') stopped.current.set(target.key, target);
						else stopped.current.delete(target.key);
					}
					say(watch.expect === 'stop' ? `${who(watch.targets)} stopped (${watch.signal}); send SIGCONT with k to resume` : `${who(watch.targets)} resumed (SIGCONT)`);
					continue;
				}
				remaining.push(watch);
			}
		}
		watches.current = remaining;
		if (remaining.length === 0) {
			clearInterval(timer.current);
			timer.current = undefined;
		}
	}, [signaller, say, dispatch]);

	const follow = useCallback(
		(watch: Watch) => {
			if (watch.expect === 'none') return;
			watches.current.push(watch);
			timer.current ??= setInterval(poll, POLL_MS);
		},
		[poll],
	);

	useEffect(() => () => clearInterval(timer.current), []);

	/** Sends one signal to each target (each identity-checked); reports refusals and errors. */
	const sendAll = useCallback(
		(targets: readonly PickedProcess[], signal: NodeJS.Signals) => {
			const sent: PickedProcess[] = [];
			const failures: string[] = [];
			for (const target of targets) {
				const outcome = signaller.send(target, signal);
				if (outcome.ok) sent.push(target);
				else failures.push(outcome.message);
			}
			return {sent, failures};
		},
		[signaller],
	);

	const send = useCallback(
		(targets: readonly PickedProcess[], signal: NodeJS.Signals) => {
			if (options.readonly) return say('read-only: signals are disabled (--readonly)');
			const {sent, failures} = sendAll(targets, signal);
			if (failures.length > 0) say(failures.length === 1 ? failures[0]! : `${failures[0]!} (and ${failures.length - 1} more refused or failed)`);
			else if (sent.length > 0) say(`sent ${signal} to ${who(sent)}`);
			if (sent.length > 0) follow({targets: sent, signal, sentAt: performance.now(), expect: expectationOf(signal)});
		},
		[sendAll, follow, say, options.readonly],
	);

	/** X: SIGTERM to every member, deepest first; survivors after the grace period are asked about. */
	const killSubtree = useCallback(
		(members: readonly PickedProcess[]) => {
			if (options.readonly) return say('read-only: signals are disabled (--readonly)');
			const root = members.at(-1)!;
			const refused = members.map(member => signaller.refusal(member)).find(Boolean);
			if (refused) return say(`subtree of ${root.pid} ${root.name} not signalled: ${refused.replace(/^refused: /, '')}`);
			const {sent, failures} = sendAll(members, 'SIGTERM');
			if (sent.length === 0) return say(failures[0] ?? 'nothing to signal');
			say(`subtree of ${root.pid} ${root.name}: SIGTERM sent to ${sent.length}, waiting…`);
			follow({targets: sent, signal: 'SIGTERM', sentAt: performance.now(), expect: 'exit', subtree: {root, total: sent.length}});
		},
		[signaller, sendAll, follow, say, options.readonly],
	);

	/** y on the subtree question: SIGKILL the survivors and follow them to the end. */
	const confirmKill = useCallback(
		(confirmation: Confirmation) => {
			const {sent, failures} = sendAll(confirmation.targets, 'SIGKILL');
			const byTerm = confirmation.exitedBefore + (confirmation.targets.length - sent.length - failures.length);
			if (sent.length === 0) return say(failures[0] ?? `subtree of ${confirmation.root.pid}: nothing left to kill`);
			follow({targets: sent, signal: 'SIGKILL', sentAt: performance.now(), expect: 'exit', afterTerm: {root: confirmation.root, byTerm}});
		},
		[sendAll, follow, say],
	);

	const renice = useCallback(
		(targets: readonly PickedProcess[], value: (current: number) => number, currentNice: (target: PickedProcess) => number) => {
			if (options.readonly) return say('read-only: renice is disabled (--readonly)');
			const results = targets.map(target => ({target, result: signaller.renice(target, value(currentNice(target)))}));
			const failed = results.find(entry => !entry.result.ok);
			if (failed && !failed.result.ok) return say(failed.result.message);
			const partial = results.find(entry => entry.result.ok && entry.result.threads < entry.result.total);
			const first = results[0];
			if (!first || !first.result.ok) return;
			say(`${who(targets)}: nice ${value(currentNice(first.target))} on ${first.result.threads} thread${first.result.threads === 1 ? '' : 's'}${partial ? ' (some threads ended meanwhile)' : ''}`);
		},
		[signaller, say, options.readonly],
	);

	// Restarts: a process appearing with the command of one we just killed.
	useEffect(() => {
		if (!snapshot || snapshot.changes.appeared.length === 0 || killed.current.length === 0) return;
		const now = Date.now();
		killed.current = killed.current.filter(entry => now - entry.at < RESTART_WINDOW_MS);
		const appeared = new Set(snapshot.changes.appeared);
		const found: string[] = [];
		for (const process of snapshot.processes) {
			if (!appeared.has(process.key) || !process.command) continue;
			const previous = killed.current.find(entry => entry.command === process.command && entry.pid !== process.pid);
			if (!previous) continue;
			found.push(process.key);
			say(`${process.pid} ${process.name} restarted (same command as ${previous.pid}, which was killed)`);
		}
		if (found.length > 0) setRestarted(current => new Set([...current, ...found]));
	}, [snapshot, say]);

	/** SIGKILL when every target survived a SIGTERM from us (the escalation the menu offers). */
	const preferredSignal = useCallback((keys: readonly string[]): NodeJS.Signals => (keys.length > 0 && keys.every(key => escalate.current.has(key)) ? 'SIGKILL' : 'SIGTERM'), []);

	/** Processes we stopped that are still stopped (checked now), for the reminder at quit. */
	const stillStopped = useCallback(
		() =>
			[...stopped.current.values()].filter(target => {
				const now = signaller.check(target);
				return now.status === 'same' && (now.identity.state === 'T' || now.identity.state === 't');
			}),
		[signaller],
	);

	return {send, killSubtree, confirmKill, renice, preferredSignal, restarted, stillStopped};
}
