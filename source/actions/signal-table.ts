// The signals this platform has, as one table: the signal menu, typed picks, the help and the
// README read it. Built from node's os.constants.signals (what `kill -l` lists) plus, on Linux,
// the real-time range SIGRTMIN..SIGRTMAX (34..64 under glibc, as `kill -l` names them), with the
// signals people send most first. Pure apart from reading those constants once.

import {constants} from 'node:os';

export type SignalInfo = {
	/** As `kill -l` spells it: SIGTERM, SIGRTMIN+3. */
	name: string;
	number: number;
	meaning: string;
	/** Other names of the same number that typing also accepts (SIGIOT for SIGABRT). */
	aliases: readonly string[];
};

/** The ones people send, in the order they reach for them: first in the menu. */
const COMMON = ['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGSTOP', 'SIGCONT', 'SIGTSTP', 'SIGUSR1', 'SIGUSR2'];

const MEANINGS: Record<string, string> = {
	SIGTERM: 'ask to terminate (can be caught: lets it clean up)',
	SIGKILL: 'kill now (cannot be caught or ignored)',
	SIGINT: 'interrupt, as Ctrl+C in its terminal',
	SIGHUP: 'hang up; many daemons reload their configuration',
	SIGQUIT: 'quit and dump core',
	SIGSTOP: 'pause (cannot be caught); SIGCONT resumes',
	SIGCONT: 'resume a stopped process',
	SIGTSTP: 'pause politely, as Ctrl+Z in its terminal',
	SIGUSR1: 'user-defined signal 1 (meaning depends on the program)',
	SIGUSR2: 'user-defined signal 2 (meaning depends on the program)',
	SIGILL: 'illegal instruction (core dump)',
	SIGTRAP: 'trace or breakpoint trap (core dump)',
	SIGABRT: 'abort (core dump)',
	SIGBUS: 'bus error (core dump)',
	SIGFPE: 'arithmetic error (core dump)',
	SIGSEGV: 'invalid memory reference (core dump)',
	SIGPIPE: 'broken pipe',
	SIGALRM: 'timer alarm',
	SIGSTKFLT: 'stack fault (unused on most systems)',
	SIGCHLD: 'a child stopped or exited (usually ignored)',
	SIGTTIN: 'background read from its terminal: pauses',
	SIGTTOU: 'background write to its terminal: pauses',
	SIGURG: 'urgent data on a socket',
	SIGXCPU: 'CPU time limit exceeded (core dump)',
	SIGXFSZ: 'file size limit exceeded (core dump)',
	SIGVTALRM: 'virtual timer alarm',
	SIGPROF: 'profiling timer alarm',
	SIGWINCH: 'window size changed',
	SIGIO: 'I/O is possible',
	SIGPWR: 'power failure',
	SIGSYS: 'bad system call (core dump)',
	SIGINFO: 'status request (BSD)',
	SIGEMT: 'emulator trap',
	SIGLOST: 'resource lost',
};

/** Where two names share a number, the one `kill -l` prints. */
const PREFERRED = new Set(['SIGABRT', 'SIGIO', 'SIGCHLD']);

const RT_MIN = 34;
const RT_MAX = 64;

function realTimeName(number: number): string {
	if (number === RT_MIN) return 'SIGRTMIN';
	if (number === RT_MAX) return 'SIGRTMAX';
	const middle = (RT_MIN + RT_MAX) / 2;
	return number <= middle ? `SIGRTMIN+${number - RT_MIN}` : `SIGRTMAX-${RT_MAX - number}`;
}

export function buildSignalTable(platformSignals: Readonly<Record<string, number>>, platform: NodeJS.Platform): SignalInfo[] {
	const byNumber = new Map<number, string[]>();
	for (const [name, number] of Object.entries(platformSignals)) {
		const names = byNumber.get(number) ?? [];
		if (PREFERRED.has(name)) names.unshift(name);
		else names.push(name);
		byNumber.set(number, names);
	}
	const table: SignalInfo[] = [...byNumber].map(([number, [name, ...aliases]]) => ({
		name: name!,
		number,
		meaning: MEANINGS[name!] ?? 'platform signal',
		aliases,
	}));
	if (platform === 'linux') {
		for (let number = RT_MIN; number <= RT_MAX; number++) {
			if (!byNumber.has(number)) table.push({name: realTimeName(number), number, meaning: 'real-time signal (meaning depends on the program)', aliases: []});
		}
	}
	const rank = (signal: SignalInfo) => {
		const common = COMMON.indexOf(signal.name);
		return common === -1 ? COMMON.length + signal.number : common;
	};
	return table.sort((a, b) => rank(a) - rank(b));
}

export const SIGNALS: readonly SignalInfo[] = buildSignalTable(constants.signals, process.platform);

const bare = (name: string) => name.toUpperCase().replace(/^SIG/, '');

/**
 * Index in `table` of the signal typed text names exactly: a number ("14"), a name with or
 * without SIG in any case ("alrm", "SIGALRM", "iot"), or a real-time name ("rtmin+3").
 * -1 when it names none: a prefix is not a pick, so Enter never sends a guess.
 */
export function signalForTyped(typed: string, table: readonly SignalInfo[] = SIGNALS): number {
	const text = typed.trim();
	if (!text) return -1;
	if (/^\d+$/.test(text)) return table.findIndex(signal => signal.number === Number(text));
	const wanted = bare(text);
	return table.findIndex(signal => bare(signal.name) === wanted || signal.aliases.some(alias => bare(alias) === wanted));
}

/** The names typed text could still become ("te" → SIGTERM), for the menu's hint. */
export function signalsStartingWith(typed: string, table: readonly SignalInfo[] = SIGNALS): SignalInfo[] {
	const text = typed.trim();
	if (!text || /^\d+$/.test(text)) return [];
	const wanted = bare(text);
	return table.filter(signal => bare(signal.name).startsWith(wanted));
}

export function signalNamed(name: string, table: readonly SignalInfo[] = SIGNALS): SignalInfo | undefined {
	return table.find(signal => signal.name === name);
}
