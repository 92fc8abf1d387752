// Commands that move through remembered time: { and } step one tick back and forward (a held
// key repeats), Esc goes live (in a replay: to its end), J jumps to a time, x lists the processes
// that exited. Pure over the session; no I/O.

import type {CommandId} from '../keymap.js';
import type {Command, Session} from './session.js';

function step(session: Session, delta: -1 | 1) {
	const {history, dispatch} = session.context;
	const range = history?.range();
	if (!history || !range) return session.say('history is off (--history 0): nothing is remembered');
	const at = session.context.stateRef.current.historyAt;
	if (delta === 1) {
		if (at === undefined) return session.say('this is live: { steps back in time');
		if (history.replay && at >= range.newest) return session.say('that is the end of the recording');
		// The newest remembered tick is what live shows.
		if (at + 1 >= range.newest && !history.replay) return goLive(session);
		return dispatch({type: 'history-at', seq: at + 1});
	}
	const from = at ?? range.newest;
	if (from - 1 < range.oldest) return session.say(`that is the oldest moment kept (--history ${history.windowLabel})`);
	dispatch({type: 'history-at', seq: from - 1});
}

function goLive(session: Session) {
	const {history} = session.context;
	if (history?.replay) {
		const range = history.range();
		if (range) session.context.dispatch({type: 'history-at', seq: range.newest});
		return session.say('the end of the recording (a replay has no live view)');
	}
	if (session.context.stateRef.current.historyAt === undefined) return;
	session.context.dispatch({type: 'history-at', seq: undefined});
	session.say('live again');
}

export const HISTORY = {
	'history-back': (_, session) => step(session, -1),
	'history-forward': (_, session) => step(session, 1),
	live: (_, session) => goLive(session),
	'cpu-graphs'({state}, session) {
		if (!session.context.history) return session.say('history is off (--history 0): there is no CPU history to draw');
		session.context.dispatch({type: 'toggle-cpu-graphs'});
		session.say(state.cpuGraphs ? 'CPU GRAPH column hidden' : 'CPU GRAPH: the last 16 ticks of each process, newest on the right (C hides it)');
	},
	jump(_, session) {
		if (!session.context.history?.seqAt) return session.say('history is off (--history 0): nothing to jump to');
		session.context.dispatch({type: 'open', mode: 'jump'});
	},
	exited(_, session) {
		if (!session.context.history) return session.say('history is off (--history 0): exited processes are not kept');
		session.context.dispatch({type: 'open', mode: 'exited'});
	},
} satisfies Partial<Record<CommandId, Command>>;
