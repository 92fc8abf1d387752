// Commands of the prompts and menus: Enter (accept what is highlighted or typed), Esc, Backspace,
// and typing itself (text into a prompt, a signal's number or name into the signal menu). Pure
// over the session; no I/O.

import type {Key} from 'ink';
import {SIGNALS, signalForTyped} from '../../actions/signal-table.js';
import {MOMENT_FORMS, parseMoment} from '../../history/moment.js';
import {findMatch} from '../../model/view.js';
import type {CommandId} from '../keymap.js';
import {sortMenu, userMenu} from '../lines/menus.js';
import {parseDraftInterval} from '../lines/prompts.js';
import type {UiState} from '../state.js';
import type {Command, Session} from './session.js';

/** The menu entry typed text names exactly, or the current one while it names none. */
function pickedIndex(typed: string, current: number): number {
	const index = signalForTyped(typed);
	return index === -1 ? current : index;
}

function sendPicked(state: UiState, session: Session) {
	const signal = SIGNALS[state.typed ? signalForTyped(state.typed) : state.menuIndex];
	// Typed text that names no signal sends nothing; the menu stays for another try.
	if (!signal) return session.say(`no such signal: ${state.typed}; nothing was sent`);
	session.context.actions.send(state.targets, signal.name);
	session.context.dispatch({type: 'cancel'});
}

function setNice(state: UiState, session: Session) {
	const value = Number(state.draft);
	if (state.draft.trim() !== '' && Number.isInteger(value) && value >= -20 && value <= 19)
		session.context.actions.renice(
			state.targets,
			() => value,
			() => value,
		);
	else session.say(`"${state.draft}" is not a nice value: use a whole number from -20 (highest priority) to 19`);
	session.context.dispatch({type: 'cancel'});
}

function setInterval(state: UiState, session: Session) {
	const parsed = parseDraftInterval(state.draft);
	if (parsed.ok) return session.context.dispatch({type: 'set-interval', intervalMs: parsed.intervalMs});
	session.context.dispatch({type: 'cancel'});
	session.say(parsed.message);
}

function jumpTo(state: UiState, session: Session) {
	const {history, dispatch} = session.context;
	const range = history?.range();
	session.context.dispatch({type: 'cancel'});
	if (!history || !range) return session.say('history is off (--history 0): nothing to jump to');
	const ms = parseMoment(state.draft, history.takenAt(range.oldest)!);
	const seq = ms === undefined ? undefined : history.seqAt?.(ms);
	if (seq === undefined) return session.say(`"${state.draft}" is not a time: use ${MOMENT_FORMS}`);
	dispatch({type: 'history-at', seq: seq >= range.newest && !history.replay ? undefined : seq});
}

export const PROMPTS = {
	accept({state}, session) {
		const {dispatch, snapshot} = session.context;
		if (state.mode === 'signal') sendPicked(state, session);
		else if (state.mode === 'nice') setNice(state, session);
		else if (state.mode === 'interval') setInterval(state, session);
		else if (state.mode === 'jump') jumpTo(state, session);
		else if (state.mode === 'users') dispatch({type: 'set-user', user: userMenu(snapshot?.processes ?? [])[state.menuIndex]?.value});
		else if (state.mode === 'sort') dispatch({type: 'sort', sort: sortMenu()[state.menuIndex]!.value});
		else dispatch({type: 'accept'});
	},
	cancel: (_, {context}) => context.dispatch({type: 'cancel'}),
	'signal-parent'({state}, session) {
		if (!state.supervisor) return session.say('its parent does not restart it; nothing to switch to');
		session.context.dispatch({type: 'target-supervisor'});
	},
	erase({state}, {context}) {
		if (state.mode !== 'signal') return context.dispatch({type: 'erase'});
		const typed = [...state.typed].slice(0, -1).join('');
		context.dispatch({type: 'pick-signal', typed, menuIndex: pickedIndex(typed, state.menuIndex)});
	},
} satisfies Partial<Record<CommandId, Command>>;

/** Keys with no command: typing into a prompt or picking a signal by number or name. */
export function typeText(input: string, key: Partial<Key>, state: UiState, session: Session) {
	const {dispatch} = session.context;
	if (!input || key.ctrl || key.meta || /[\u0000-\u001f\u007f]/.test(input)) return;
	if (state.mode === 'signal') {
		if (!/^[0-9a-zA-Z+-]$/.test(input)) return;
		const typed = state.typed + input;
		return dispatch({type: 'pick-signal', typed, menuIndex: pickedIndex(typed, state.menuIndex)});
	}
	if (state.mode === 'nice' && !/^[-+0-9]$/.test(input)) return;
	if (state.mode !== 'search' && state.mode !== 'filter' && state.mode !== 'interval' && state.mode !== 'nice' && state.mode !== 'jump') return;
	dispatch({type: 'type', text: input});
	if (state.mode === 'search') {
		const rows = session.rowsNow();
		const index = findMatch(rows, state.search + input, session.selectedIndexNow(), 'best');
		if (index !== -1) dispatch({type: 'select', key: rows[index]!.process.key, index});
	}
}
