// Delivers key presses to the latest render's key handler: Ink's input, split into single keys
// ("/kdev" in one read is five presses), and the function keys Ink does not report, read from
// the raw input Ink hands its listeners.

import {type Key, useInput, useStdin} from 'ink';
import {useCallback, useEffect, useRef} from 'react';
import {functionKeyNumber} from '../function-keys.js';
import {splitKeys} from '../keymap.js';

export type KeyHandler = {onKey: (input: string, key: Key) => void; onFunctionKey: (number: number) => void};

export function useKeys(handler: KeyHandler) {
	// The latest render's handler, not the one of the render whose effects last ran: a key pressed
	// just after a frame appeared must see the rows that frame shows.
	const latest = useRef(handler);
	latest.current = handler;
	const onInput = useCallback((input: string, key: Key) => {
		for (const press of splitKeys(input, key)) latest.current.onKey(press.input, press.key);
	}, []);
	useInput(onInput);
	const {internal_eventEmitter: rawInput} = useStdin();
	useEffect(() => {
		const listener = (data: string) => {
			const number = functionKeyNumber(data);
			if (number !== undefined) latest.current.onFunctionKey(number);
		};
		rawInput?.on('input', listener);
		return () => void rawInput?.off('input', listener);
	}, [rawInput]);
}
