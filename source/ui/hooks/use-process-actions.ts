// Acting on processes from the UI: sends signals and renices through the signaller
// (identity-checked), asks before a subtree kill, and shows what follows (follow-ups.ts) by
// polling while anything is being watched. I/O only via the signaller.

import {useCallback, useEffect, useRef, useState} from 'react';
import {createFollowUps, who} from '../../actions/follow-ups.js';
import type {Signaller} from '../../actions/signaller.js';
import type {Snapshot} from '../../types.js';
import type {Action, Confirmation, PickedProcess} from '../state.js';

const POLL_MS = 100;
const READ_ONLY_SIGNALS = 'read-only: signals are disabled (--readonly)';

export type ProcessActions = ReturnType<typeof useProcessActions>;

export function useProcessActions(options: {
	signaller: Signaller;
	dispatch: (action: Action) => void;
	snapshot: Snapshot | undefined;
	readonly?: boolean;
	/** Told of every signal that went out (the history remembers how a process ended). */
	onSent?: (key: string, signal: string) => void;
}) {
	const {signaller, dispatch, snapshot} = options;
	const followUps = useRef(createFollowUps({check: target => signaller.check(target), now: () => performance.now()})).current;
	const [restarted, setRestarted] = useState<ReadonlySet<string>>(new Set());
	const timer = useRef<NodeJS.Timeout | undefined>(undefined);
	const say = useCallback((text: string) => dispatch({type: 'message', text}), [dispatch]);

	const poll = useCallback(() => {
		for (const event of followUps.poll()) {
			if (event.type === 'say') say(event.text);
			else dispatch({type: 'ask', confirm: event.confirm});
		}
		if (!followUps.active()) {
			clearInterval(timer.current);
			timer.current = undefined;
		}
	}, [followUps, say, dispatch]);

	const follow = useCallback(
		(
			targets: PickedProcess[],
			signal: string,
			extra: {subtree?: {root: PickedProcess; total: number}; afterTerm?: {root: PickedProcess; byTerm: number}} = {},
		) => {
			followUps.watch({targets, signal, ...extra});
			if (followUps.active()) timer.current ??= setInterval(poll, POLL_MS);
		},
		[followUps, poll],
	);

	useEffect(() => () => clearInterval(timer.current), []);

	/** Sends one signal to each target (each identity-checked); reports refusals and errors. */
	const sendAll = useCallback(
		(targets: readonly PickedProcess[], signal: string) => {
			const sent: PickedProcess[] = [];
			const failures: string[] = [];
			for (const target of targets) {
				const outcome = signaller.send(target, signal);
				if (outcome.ok) {
					sent.push(target);
					options.onSent?.(target.key, signal);
				} else failures.push(outcome.message);
			}
			return {sent, failures};
		},
		[signaller, options.onSent],
	);

	const send = useCallback(
		(targets: readonly PickedProcess[], signal: string) => {
			if (options.readonly) return say(READ_ONLY_SIGNALS);
			const {sent, failures} = sendAll(targets, signal);
			if (failures.length > 0) say(failures.length === 1 ? failures[0]! : `${failures[0]!} (and ${failures.length - 1} more refused or failed)`);
			else if (sent.length > 0) say(`sent ${signal} to ${who(sent)}`);
			if (sent.length > 0) follow(sent, signal);
		},
		[sendAll, follow, say, options.readonly],
	);

	/**
	 * X: asks first ("SIGTERM 14 processes under 812 node?"). `members` are deepest first, the
	 * root last. Refusals (init, proctop's ancestors, kernel threads) are said before asking.
	 */
	const askSubtree = useCallback(
		(members: readonly PickedProcess[]) => {
			if (options.readonly) return say(READ_ONLY_SIGNALS);
			const root = members.at(-1)!;
			const refused = [root, ...members].map(member => signaller.refusal(member)).find(Boolean);
			if (refused) return say(`subtree of ${root.pid} ${root.name} not signalled: ${refused.replace(/^refused: /, '')}`);
			const count = members.length === 1 ? `${root.pid} ${root.name} (no children)` : `${members.length} processes under ${root.pid} ${root.name}`;
			dispatch({
				type: 'ask',
				confirm: {kind: 'subtree-term', question: `SIGTERM ${count}?`, yes: 'yes, SIGTERM', no: 'no', targets: [...members], root, exitedBefore: 0},
			});
		},
		[signaller, dispatch, say, options.readonly],
	);

	/** y on a question: SIGTERM the subtree (deepest first), or SIGKILL its survivors. */
	const confirm = useCallback(
		(confirmation: Confirmation) => {
			if (confirmation.kind === 'subtree-term') {
				const {root} = confirmation;
				const {sent, failures} = sendAll(confirmation.targets, 'SIGTERM');
				if (sent.length === 0) return say(failures[0] ?? 'nothing to signal');
				say(`subtree of ${root.pid} ${root.name}: SIGTERM sent to ${sent.length}, waiting…`);
				follow(sent, 'SIGTERM', {subtree: {root, total: sent.length}});
				return;
			}
			const {sent, failures} = sendAll(confirmation.targets, 'SIGKILL');
			const byTerm = confirmation.exitedBefore + (confirmation.targets.length - sent.length - failures.length);
			if (sent.length === 0) return say(failures[0] ?? `subtree of ${confirmation.root.pid}: nothing left to kill`);
			follow(sent, 'SIGKILL', {afterTerm: {root: confirmation.root, byTerm}});
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
			if (!first?.result.ok) return;
			say(
				`${who(targets)}: nice ${value(currentNice(first.target))} on ${first.result.threads} thread${first.result.threads === 1 ? '' : 's'}${partial ? ' (some threads ended meanwhile)' : ''}`,
			);
		},
		[signaller, say, options.readonly],
	);

	// Restarts: a process appearing with the command of one we just killed.
	useEffect(() => {
		if (!snapshot || snapshot.changes.appeared.length === 0) return;
		const appeared = new Set(snapshot.changes.appeared);
		const found = followUps.restarts(snapshot.processes.filter(process => appeared.has(process.key)));
		if (found.length === 0) return;
		for (const restart of found) say(restart.text);
		setRestarted(current => new Set([...current, ...found.map(restart => restart.key)]));
	}, [snapshot, say, followUps]);

	return {send, askSubtree, confirm, renice, preferredSignal: followUps.preferredSignal, restarted, stillStopped: followUps.stillStopped};
}
