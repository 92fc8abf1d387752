// Delivers key presses to the latest render's key handler: Ink's input, split into single keys
// ("/kdev" in one read is five presses), the function keys Ink does not report and the mouse
// reports (--mouse), both read from the raw input Ink hands its listeners and acted on from Ink's
// input handler, where every press renders at a key press's priority. An escape sequence
// Ink does not know (a mouse report, a focus event, a paste bracket) never becomes letter keys:
// Ink would hand `ESC [ < 0 ; 9 ; 5 M` over as "[<0;9;5M", which is renice, sort and more.

import {type Key, useInput, useStdin} from 'ink';
import {useCallback, useEffect, useRef} from 'react';
import {functionKeyNumber} from '../function-keys.js';
import {splitKeys} from '../keymap.js';
import {type MouseEvent, parseMouseReport} from '../mouse.js';

export type KeyHandler = {
	onKey: (input: string, key: Key) => void;
	onFunctionKey: (number: number) => void;
	onMouse?: (event: MouseEvent) => void;
};

/** A whole CSI (ESC [ …) or SS3 (ESC O x) sequence: a key Ink names has no text left after it. */
const CONTROL_SEQUENCE = /^\u001b(?:\[[\u0030-\u003f\u005b]*[\u0020-\u002f]*[\u0040-\u007e]|O.)$/;

export function useKeys(handler: KeyHandler) {
	// The latest render's handler, not the one of the render whose effects last ran: a key pressed
	// just after a frame appeared must see the rows that frame shows.
	const latest = useRef(handler);
	latest.current = handler;
	// Set by the raw listener, which runs first, for the one input event it has read: what to do
	// instead of Ink's reading of it (a function key, a mouse report), or nothing at all (an
	// unknown sequence). Done from Ink's handler, which Ink calls for every input event, so that
	// these too render at a key press's priority (scripts/ink-patches.js, patch 7).
	const instead = useRef<(() => void) | undefined>(undefined);
	const onInput = useCallback((input: string, key: Key) => {
		const action = instead.current;
		if (action) {
			instead.current = undefined;
			action();
			return;
		}
		for (const press of splitKeys(input, key)) latest.current.onKey(press.input, press.key);
	}, []);
	useInput(onInput);
	const {internal_eventEmitter: rawInput} = useStdin();
	useEffect(() => {
		const listener = (data: string) => {
			instead.current = undefined;
			const number = functionKeyNumber(data);
			if (number !== undefined) {
				instead.current = () => latest.current.onFunctionKey(number);
				return;
			}
			const mouse = parseMouseReport(data);
			if (mouse) {
				instead.current = () => latest.current.onMouse?.(mouse);
				return;
			}
			// Arrows, Home, PgUp… reach Ink's handler as flags with no text; anything else is dropped.
			if (CONTROL_SEQUENCE.test(data) && !isKnownKey(data)) instead.current = ignore;
		};
		// Before Ink's own listener (useInput's), so the swallow flag is set when it calls onInput.
		rawInput?.prependListener('input', listener);
		return () => void rawInput?.off('input', listener);
	}, [rawInput]);
}

/** What an unknown escape sequence does: nothing (Ink would hand its letters over as keys). */
function ignore() {}

/** The sequences Ink turns into named keys (arrows, Home/End, PgUp/PgDn, Delete, Shift+Tab, F-keys). */
function isKnownKey(data: string): boolean {
	// ~ codes: Home, Insert, Delete, End, PgUp, PgDn (1–8) and F1–F12 (11–24); not a paste bracket (200, 201).
	return /^\u001b(?:\[(?:1;\d+)?[A-DHFZPQRS]|O[A-DHFPQRS]|\[(?:[1-8]|1[1-57-9]|2[0-134])(?:;\d+)?~|\[\[[A-E])$/.test(data);
}
