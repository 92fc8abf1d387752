// Test edge: a small deterministic generator (a linear congruential one), so a randomised test
// that fails names a case that can be run again. No I/O.

/** Numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}
