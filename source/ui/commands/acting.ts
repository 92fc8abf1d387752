// Commands that reach beyond the list: signals and renice (through the signaller in
// `actions`), tags, the y/n confirmation, copying, picking, quitting and suspending. No I/O of
// their own; the signaller and the callbacks do it.

import {SIGNALS} from '../../actions/signal-table.js';
import {restartingParent} from '../../identify/supervisor.js';
import {buildForest, descendantKeys} from '../../model/tree.js';
import type {CommandId} from '../keymap.js';
import {type Command, niceOf, picked, READ_ONLY, type Session} from './session.js';

function copy(session: Session, what: 'pid' | 'command') {
	const process = session.currentProcess();
	const {copyToClipboard} = session.context.callbacks;
	if (!process || !copyToClipboard) return;
	const text = what === 'pid' ? String(process.pid) : process.command || process.name;
	copyToClipboard(text);
	session.say(
		what === 'pid' ? `copied pid ${process.pid} to the clipboard` : `copied the command line of ${process.pid} to the clipboard (${text.length} characters)`,
	);
}

function renice(session: Session, delta: number) {
	if (session.context.options.readonly) return session.say(READ_ONLY);
	if (session.onGroup()) return;
	session.context.actions.renice(
		session.pickTargets(),
		current => current + delta,
		target => niceOf(session, target),
	);
}

/** Lines printed after the terminal is restored, so a process proctop stopped is not forgotten. */
function stoppedNotes(session: Session): string[] {
	const stopped = session.context.actions.stillStopped();
	if (stopped.length === 0) return [];
	return [
		`proctop: ${stopped.length === 1 ? 'this process is' : 'these processes are'} still stopped (SIGSTOP from proctop):`,
		...stopped.map(target => `  ${target.pid} ${target.name}    resume it with: kill -CONT ${target.pid}`),
	];
}

export const ACTING = {
	quit({input, key}, session) {
		const {callbacks, exit} = session.context;
		const notes = stoppedNotes(session);
		if (notes.length > 0) callbacks.onQuitNotes?.(notes);
		callbacks.onQuit?.(key.ctrl && input === 'c' ? 'interrupt' : 'quit');
		exit();
	},
	details(_, session) {
		const {options, callbacks, exit, dispatch} = session.context;
		if (session.onGroup()) return;
		if (options.pick) {
			const pids = session.pickTargets().map(target => target.pid);
			if (pids.length === 0) return;
			callbacks.onPick?.(pids);
			exit();
			return;
		}
		const process = session.currentProcess();
		if (process) dispatch({type: 'open-details', key: process.key});
	},
	'copy-pid': (_, session) => copy(session, 'pid'),
	'copy-command': (_, session) => copy(session, 'command'),
	kill(_, session) {
		const {options, actions, dispatch} = session.context;
		if (options.readonly) return session.say(READ_ONLY);
		if (session.onGroup()) return;
		const targets = session.pickTargets();
		const [only] = targets;
		if (!only) return;
		const process = targets.length === 1 ? session.byKey().get(only.key) : undefined;
		// Kernel threads ignore every signal: refuse now rather than offer a menu that cannot work.
		if (process?.isKernelThread) return session.say(`refused: ${process.pid} ${process.name} is a kernel thread; kernel threads ignore signals`);
		const preferred = actions.preferredSignal(targets.map(target => target.key));
		const menuIndex = Math.max(
			0,
			SIGNALS.findIndex(signal => signal.name === preferred),
		);
		// A child of npm run / nodemon / --watch comes back when killed: name the parent, offer it (Tab).
		const processes = session.context.snapshot?.processes ?? [];
		const parent = process ? restartingParent(process, pid => processes.find(candidate => candidate.pid === pid)) : undefined;
		const supervisor = parent ? picked(parent) : undefined;
		dispatch({type: 'open-signal', targets, menuIndex, ...(supervisor ? {supervisor} : {})});
	},
	tag(_, session) {
		const row = session.currentRow();
		const process = session.currentProcess();
		if (!row || (!row.group && !process)) return;
		// A group row tags (or untags) every process it stands for; a thread's row, its process.
		session.context.dispatch({type: 'tag', keys: row.group ? row.group.map(member => member.key) : [process!.key]});
		session.context.dispatch({type: 'move', delta: 1, rows: session.rowsNow().map(row => row.process.key)});
	},
	'tag-subtree'(_, session) {
		const group = session.currentRow()?.group;
		if (group) return session.context.dispatch({type: 'tag', keys: group.map(member => member.key), on: true});
		const process = session.currentProcess();
		const {snapshot, dispatch} = session.context;
		if (process && snapshot) dispatch({type: 'tag', keys: [process.key, ...descendantKeys(buildForest(snapshot.processes), process.key)], on: true});
	},
	'untag-all': (_, {context}) => context.dispatch({type: 'untag-all'}),
	'kill-subtree'(_, session) {
		const {options, snapshot, actions} = session.context;
		if (options.readonly) return session.say(READ_ONLY);
		if (session.onGroup()) return;
		const root = session.currentProcess();
		if (!root || !snapshot) return;
		const processes = session.byKey();
		const members = [...descendantKeys(buildForest(snapshot.processes), root.key).map(key => processes.get(key)!), root];
		actions.askSubtree(members.map(picked));
	},
	'nice-up': (_, session) => renice(session, +1),
	'nice-down': (_, session) => renice(session, -1),
	'nice-set'(_, session) {
		if (session.context.options.readonly) return session.say(READ_ONLY);
		if (session.onGroup()) return;
		const targets = session.pickTargets();
		const [first] = targets;
		if (first) session.context.dispatch({type: 'open-nice', targets, draft: String(niceOf(session, first))});
	},
	yes({state}, {context}) {
		context.dispatch({type: 'cancel'});
		if (state.confirm) context.actions.confirm(state.confirm);
	},
	suspend: (_, {context}) => context.callbacks.onSuspend?.(),
} satisfies Partial<Record<CommandId, Command>>;
