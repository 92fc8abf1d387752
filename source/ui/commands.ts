// Turns one key press into actions: looks the key up in the keymap for the current mode and runs
// that command's handler from COMMANDS, a table the compiler checks is complete (a command
// without a handler does not build). The handlers live in commands/, grouped by what they touch;
// everything they reach (state, rows, the signaller, quitting) arrives in the session. No I/O.

import type {Key} from 'ink';
import {ACTING} from './commands/acting.js';
import {NAVIGATION} from './commands/navigation.js';
import {PROMPTS, typeText} from './commands/prompts.js';
import {type Command, createSession, type KeyContext} from './commands/session.js';
import {VIEW} from './commands/view.js';
import {type CommandId, commandFor, commandForFunctionKey} from './keymap.js';

export type {KeyCallbacks, KeyContext} from './commands/session.js';

/** Every command's handler: a missing or misspelt one is a compile error. */
export const COMMANDS: Record<CommandId, Command> = {...NAVIGATION, ...VIEW, ...ACTING, ...PROMPTS};

export function createKeyHandler(context: KeyContext): {onKey: (input: string, key: Key) => void; onFunctionKey: (number: number) => void} {
	const session = createSession(context);
	return {
		onKey(input, key) {
			const state = context.stateRef.current;
			const command = commandFor(state.mode, input, key);
			if (command) COMMANDS[command]({input, key, state}, session);
			else typeText(input, key, state, session);
		},
		onFunctionKey(number) {
			const state = context.stateRef.current;
			const command = commandForFunctionKey(state.mode, number);
			if (command) COMMANDS[command]({input: '', key: {}, state}, session);
			else session.say(`F${number} does nothing here; press h for the keys`);
		},
	};
}
