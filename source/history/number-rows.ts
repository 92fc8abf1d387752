// Rows of numbers of one fixed width, all in one growing Float64Array: a row per identity the
// history keeps, reused once its identity is forgotten. Pure, no I/O.
//
// Why one array, not a Float64Array per row: every typed array is a JavaScript object, an
// ArrayBuffer object and a separately allocated backing store with its own bookkeeping outside
// the heap, about 700 bytes for a row of 136. At 5,000 processes the per-row arrays held ~3.7 MB;
// one shared array holds their 680 KB.

export type NumberRows = {
	/** The array the rows live in: row r is [r × width, r × width + width). Replaced when it grows, so read it afresh, never keep it. */
	readonly values: Float64Array;
	/** A row of NaN (never written), its number. */
	take(): number;
	/** The row is no longer used; a later take() may return it. */
	release(row: number): void;
	/** Rows in use. */
	readonly used: number;
};

export function createNumberRows(width: number, initialRows = 64): NumberRows {
	let values = new Float64Array(width * initialRows).fill(Number.NaN);
	let next = 0;
	const free: number[] = [];
	return {
		get values() {
			return values;
		},
		get used() {
			return next - free.length;
		},
		take() {
			const reused = free.pop();
			if (reused !== undefined) {
				values.fill(Number.NaN, reused * width, reused * width + width);
				return reused;
			}
			if ((next + 1) * width > values.length) {
				// By half again, not double: what is never used is at most a third of the array, not half
				// (at 5,000 rows of 17, doubling left 3,100 rows, 420 KB, empty).
				const rows = values.length / width;
				const grown = new Float64Array((rows + Math.max(1, rows >> 1)) * width).fill(Number.NaN);
				grown.set(values);
				values = grown;
			}
			return next++;
		},
		release(row) {
			free.push(row);
		},
	};
}
