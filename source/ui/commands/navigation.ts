// Commands that move: the selection in the list, the highlight in a menu, or the scroll position
// of the details view and the help, by mode. Pure over the session; no I/O.

import {SIGNALS} from '../../actions/signal-table.js';
import type {CommandId} from '../keymap.js';
import {sortMenu, userMenu} from '../lines/menus.js';
import {SETUP_COLUMNS} from '../lines/setup-view.js';
import type {Mode, UiState} from '../state.js';
import type {Command, Session} from './session.js';

const MENU_MODES: readonly Mode[] = ['users', 'sort', 'signal', 'setup'];

function menuSize(session: Session, mode: Mode): number {
	if (mode === 'users') return userMenu(session.context.snapshot?.processes ?? []).length;
	if (mode === 'setup') return SETUP_COLUMNS.length;
	return mode === 'sort' ? sortMenu().length : SIGNALS.length;
}

/** Up/Down/PgUp/PgDn/Home/End: the list, a menu, or a scrolling screen, by mode. */
function move(session: Session, state: UiState, delta: number, to?: 'start' | 'end') {
	const {dispatch, scrollLimit} = session.context;
	const scroll = to === 'start' ? -Infinity : to === 'end' ? Infinity : delta;
	const keys = () => session.rowsNow().map(row => row.process.key);
	if (state.mode === 'details') dispatch({type: 'scroll-details', delta: scroll, max: scrollLimit.current});
	else if (state.mode === 'help' || state.mode === 'exited') dispatch({type: 'scroll-help', delta: scroll, max: scrollLimit.current});
	else if (MENU_MODES.includes(state.mode)) {
		// Moving by hand replaces whatever was typed to pick a signal.
		if (state.mode === 'signal' && state.typed) dispatch({type: 'pick-signal', typed: '', menuIndex: state.menuIndex});
		dispatch({type: 'menu-move', delta, size: menuSize(session, state.mode)});
	} else if (to) dispatch({type: 'move-to', index: to === 'start' ? 0 : session.rowsNow().length - 1, rows: keys()});
	else dispatch({type: 'move', delta, rows: keys()});
}

const page = (session: Session) => Math.max(1, session.context.tableHeight - 1);

export const NAVIGATION = {
	up: ({state}, session) => move(session, state, -1),
	down: ({state}, session) => move(session, state, 1),
	'page-up': ({state}, session) => move(session, state, -page(session)),
	'page-down': ({state}, session) => move(session, state, page(session)),
	home: ({state}, session) => move(session, state, 0, 'start'),
	end: ({state}, session) => move(session, state, 0, 'end'),
} satisfies Partial<Record<CommandId, Command>>;
