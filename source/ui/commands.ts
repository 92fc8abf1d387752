// Turns one key press into actions: looks the key up in the keymap for the current mode and runs
// that command's handler from COMMANDS, a table the compiler checks is complete (a command
// without a handler does not build). The handlers live in commands/, grouped by what they touch;
// everything they reach (state, rows, the signaller, quitting) arrives in the session. No I/O.

import type {Key} from 'ink';
import {formatLifetime} from '../model/format.js';
import {ACTING} from './commands/acting.js';
import {HISTORY} from './commands/history.js';
import {click} from './commands/mouse.js';
import {NAVIGATION} from './commands/navigation.js';
import {PROMPTS, typeText} from './commands/prompts.js';
import {type Command, createSession, type KeyContext} from './commands/session.js';
import {SETUP} from './commands/setup.js';
import {VIEW} from './commands/view.js';
import {type CommandId, commandFor, commandForFunctionKey, KEYMAP, NO_KEY} from './keymap.js';
import type {MouseEvent} from './mouse.js';

export type {KeyCallbacks, KeyContext} from './commands/session.js';

/** Every command's handler: a missing or misspelt one is a compile error. */
export const COMMANDS: Record<CommandId, Command> = {...NAVIGATION, ...VIEW, ...ACTING, ...PROMPTS, ...HISTORY, ...SETUP};

/** Commands that signal or renice: never on a moment from the past. */
const ACTS = new Set(KEYMAP.filter(binding => binding.acts).map(binding => binding.command));

/** Wheel steps move this many rows, as htop's. */
const WHEEL_ROWS = 3;

export function createKeyHandler(context: KeyContext): {
	onKey: (input: string, key: Key) => void;
	onFunctionKey: (number: number) => void;
	onMouse: (event: MouseEvent) => void;
} {
	const session = createSession(context);
	/** The process on screen may be gone or another by now: acting needs the live list. */
	const refusedInThePast = (command: CommandId): boolean => {
		const at = context.stateRef.current.historyAt;
		if (at === undefined || !ACTS.has(command)) return false;
		if (context.history?.replay) {
			session.say('this is a recording: a replay never signals or renices anything');
			return true;
		}
		const takenAt = context.history?.takenAt(at);
		session.say(`this is ${takenAt === undefined ? 'the past' : `${formatLifetime(Date.now() - takenAt)} ago`}; go live to act (Esc)`);
		return true;
	};
	const onKey = (input: string, key: Key) => {
		const state = context.stateRef.current;
		const command = commandFor(state.mode, input, key);
		if (command && refusedInThePast(command)) return;
		if (command) COMMANDS[command]({input, key, state}, session);
		else typeText(input, key, state, session);
	};
	return {
		onKey,
		onMouse(event) {
			const {mouse} = context;
			if (!mouse) return;
			// The wheel is arrow keys: it scrolls the list, the help, the details, a menu.
			if (event.kind === 'wheel')
				for (let step = 0; step < WHEEL_ROWS; step++) onKey('', {...NO_KEY, ...(event.direction === 'up' ? {upArrow: true} : {downArrow: true})});
			else if (event.kind === 'press') click(event, session, mouse, () => onKey('', {...NO_KEY, return: true}));
		},
		onFunctionKey(number) {
			const state = context.stateRef.current;
			const command = commandForFunctionKey(state.mode, number);
			if (command && refusedInThePast(command)) return;
			if (command) COMMANDS[command]({input: '', key: {}, state}, session);
			else session.say(`F${number} does nothing here; press h for the keys`);
		},
	};
}
