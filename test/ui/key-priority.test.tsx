// A key press is drawn before anything the event loop already held runs (scripts/ink-patches.js,
// patch 7): the component tests' Ink carries the patch, as the bundle does. Stock Ink under
// React 19 renders a key's update from a Scheduler task queued behind such work.
import {Text, useInput} from 'ink';
import {render} from 'ink-testing-library';
import {useState} from 'react';
import {expect, test} from 'vitest';

function Counter() {
	const [presses, setPresses] = useState(0);
	useInput(() => setPresses(count => count + 1));
	return <Text>presses {presses}</Text>;
}

const turn = () => new Promise(resolve => setImmediate(resolve));

test('a key press is on screen before an immediate queued ahead of it runs', async () => {
	const {stdin, lastFrame, unmount} = render(<Counter />);
	await turn();
	expect(lastFrame()).toBe('presses 0');
	// Queued first: a tick's next slice of /proc reads, say.
	const seenByQueuedWork = new Promise<string | undefined>(resolve => setImmediate(() => resolve(lastFrame())));
	stdin.write('x');
	expect(await seenByQueuedWork).toBe('presses 1');
	unmount();
});

/** Renders so far: a key that sets two states must add one. */
let twoStateRenders = 0;
function TwoStates() {
	twoStateRenders++;
	const [letters, setLetters] = useState('');
	const [presses, setPresses] = useState(0);
	useInput(input => {
		setLetters(text => text + input);
		setPresses(count => count + 1);
	});
	return (
		<Text>
			{letters} {presses}
		</Text>
	);
}

test('the updates a key makes are still batched into one render', async () => {
	const {stdin, lastFrame, unmount} = render(<TwoStates />);
	await turn();
	const before = twoStateRenders;
	stdin.write('a');
	await turn();
	expect(lastFrame()).toBe('a 1');
	expect(twoStateRenders - before).toBe(1);
	unmount();
});
