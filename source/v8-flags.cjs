// The V8 settings proctop runs under, in one list: the launcher (dist/proctop.cjs) applies them
// before it compiles the program, and the program (cli.tsx) applies them again for runs that skip
// the launcher (`node dist/cli.cjs`, the tests). One list because V8's code cache records the flags
// it was made under and refuses itself under any others: two lists that drift apart would make
// every start compile everything again. Old-fashioned JavaScript, like the launcher that loads it.
// No I/O.
'use strict';

const V8_FLAGS = [
	// Keep the young generation at its initial size: by default it grows to 32 MB for a monitor
	// whose garbage is small and short-lived. Measured: RSS 114 → 86 MB, same CPU.
	'--semi-space-growth-factor=1',
	// Favour a small heap over speed, as on a memory-constrained device: a monitor's work per tick
	// is small, its heap is what it keeps. At +5,000 processes, three minutes side by side: peak
	// RSS 95.9 → 86.1 MB, CPU 6.35 → 6.85 % of a core; first frame unchanged.
	'--optimize-for-size',
	// No inlining in the optimising compiler. At one tick a second, most functions run a few dozen
	// times a minute and reach the optimiser one by one for many minutes; a perf profile at five
	// minutes put the compiler at a fifth of all CPU, inlining the bulk of each compile. Side by
	// side (three copies each, 200 s): 1.197 → 1.108 % of a core at base (−7.4 %), level at +5,000.
	'--no-turbo-inlining',
];

/** Applies the list through `node:v8`'s setFlagsFromString (passed in, so this file needs nothing). */
function applyV8Flags(setFlagsFromString) {
	for (const flag of V8_FLAGS) setFlagsFromString(flag);
}

module.exports = {V8_FLAGS, applyV8Flags};
