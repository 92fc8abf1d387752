// Commands of the setup screen (S): show, hide and reorder the table's columns. The state keeps
// the chosen list; useRememberedSettings saves it. Pure over the session; no I/O.

import type {CommandId} from '../keymap.js';
import {moveColumn, type SetupEdit, toggleColumn} from '../lines/setup-view.js';
import type {Command, Session} from './session.js';

function apply(session: Session, edit: SetupEdit) {
	if ('refused' in edit) session.say(edit.refused);
	else session.context.dispatch({type: 'set-columns', columns: edit.columns, menuIndex: edit.index});
}

export const SETUP = {
	setup: (_, {context}) => context.dispatch({type: 'open', mode: 'setup'}),
	'setup-toggle': ({state}, session) => apply(session, toggleColumn(state.columns, state.menuIndex)),
	'setup-earlier': ({state}, session) => apply(session, moveColumn(state.columns, state.menuIndex, -1)),
	'setup-later': ({state}, session) => apply(session, moveColumn(state.columns, state.menuIndex, 1)),
	'setup-default'(_, session) {
		session.context.dispatch({type: 'set-columns', columns: undefined, menuIndex: 0});
		session.say('the default columns again');
	},
} satisfies Partial<Record<CommandId, Command>>;
