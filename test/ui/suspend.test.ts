// suspendToShell with a stand-in for the stop (the real stop is in test/terminal/exits.test.ts).

import {expect, test} from 'vitest';
import {suspendToShell} from '../../source/ui/suspend.js';

/** Suspends over a terminal that records what is done to it, in order. */
function suspendRecorded(isTTY: boolean): string[] {
	const events: string[] = [];
	suspendToShell({
		stdin: {isTTY, setRawMode: raw => events.push(`raw ${raw}`)},
		stdout: {write: text => events.push(`write ${text}`)},
		leave: 'LEAVE',
		enter: 'ENTER',
		redraw: () => events.push('redraw'),
		stop: () => events.push('stopped'),
	});
	return events;
}

test('raw mode off and the screen given back before the stop; as soon as the stop returns, raw mode first, then the screen taken again and redrawn', () => {
	// Nothing waits for an event: whatever runs after the stop returns finds the screen taken.
	expect(suspendRecorded(true)).toEqual(['raw false', 'write LEAVE', 'stopped', 'raw true', 'write ENTER', 'redraw']);
});

test('a stdin that is not a terminal is left alone', () => {
	expect(suspendRecorded(false)).toEqual(['write LEAVE', 'stopped', 'write ENTER', 'redraw']);
});
