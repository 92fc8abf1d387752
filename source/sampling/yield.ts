// Lets the event loop breathe between the stages of a tick (and inside long ones): a key press
// waiting in the terminal is read and answered between two slices of work, not after the whole
// tick. At 10,000 processes a tick's stages after the table read (samples, labels, history)
// held the loop ~60 ms in one piece. No I/O: it only defers to the event loop.

/** Resolves after the event loop has run its pending I/O callbacks (stdin among them). */
export function yieldToEvents(): Promise<void> {
	return new Promise(resolve => setImmediate(resolve));
}

/** Processes handled between two yields inside a stage (a few ms of work each). */
export const YIELD_EVERY = 2500;

/** What a sliced stage calls between slices: yieldToEvents in the program, nothing (or a counter) in a test. */
export type Pause = () => Promise<void>;

/** Goes straight on: for a caller that does not need the event loop let in. */
export const noPause: Pause = () => Promise.resolve();
