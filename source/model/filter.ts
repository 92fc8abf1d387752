// Pure matching of a typed query against a process: its name, command line, user, app label and
// service. A term `:3000` matches the process listening on port 3000 and nothing else.
// By default every term is a case-insensitive substring, as htop's filter and search: what you
// type is what must appear. A query starting with `~` matches fuzzily (the letters in order,
// gaps allowed, name and program only) — on request only, because with `k` one keystroke away a
// surprising fuzzy match is how the wrong process gets a signal. Ranked exact > prefix >
// substring > fuzzy, with the matched character positions for highlighting.

import type {Listener} from '../types.js';

export const Rank = {None: 0, Fuzzy: 1, Substring: 2, Prefix: 3, Exact: 4} as const;
export type Rank = (typeof Rank)[keyof typeof Rank];

/** The prefix that turns fuzzy matching on, documented in the help and the README. */
export const FUZZY_PREFIX = '~';

export type Query = {
	/** Whitespace-separated terms, lower-cased; every term must match. */
	terms: string[];
	fuzzy: boolean;
};

export type MatchResult = {
	rank: Rank;
	/** UTF-16 indexes of matched characters in the name and in the command. */
	namePositions: number[];
	commandPositions: number[];
};

/** What a process offers to a query. */
export type Matchable = {name: string; command: string; user?: string; app?: string; service?: string; ports?: readonly Listener[]};

const PORT_TERM = /^:(\d{1,5})$/;

export function parseQuery(text: string): Query {
	const trimmed = text.trimStart();
	const fuzzy = trimmed.startsWith(FUZZY_PREFIX);
	const terms = (fuzzy ? trimmed.slice(FUZZY_PREFIX.length) : trimmed).toLowerCase().split(/\s+/).filter(Boolean);
	return {terms, fuzzy};
}

export const isEmptyQuery = (query: Query) => query.terms.length === 0;

// Fuzzy matching only looks at the name and the program (argv0's basename): over whole command
// lines a short query matches nearly everything, which is noise, not ranking.
function programName(command: string): {start: number; text: string} {
	const end = command.indexOf(' ');
	const argv0 = end === -1 ? command : command.slice(0, end);
	const slash = argv0.lastIndexOf('/');
	return {start: slash + 1, text: argv0.slice(slash + 1)};
}

function range(start: number, length: number): number[] {
	return Array.from({length}, (_, index) => start + index);
}

function fuzzyPositions(text: string, term: string): number[] | undefined {
	const positions: number[] = [];
	let from = 0;
	for (const character of term) {
		const found = text.indexOf(character, from);
		if (found === -1) return undefined;
		positions.push(found);
		from = found + character.length;
	}
	return positions;
}

const NONE: MatchResult = {rank: Rank.None, namePositions: [], commandPositions: []};
/** A match in a column other than the name and command (nothing there to highlight). */
const SUBSTRING_ELSEWHERE: MatchResult = {rank: Rank.Substring, namePositions: [], commandPositions: []};
const EXACT_ELSEWHERE: MatchResult = {rank: Rank.Exact, namePositions: [], commandPositions: []};

function matchTerm(term: string, fuzzy: boolean, name: string, command: string, user: string, process: Matchable): MatchResult {
	const port = PORT_TERM.exec(term);
	if (port) return process.ports?.some(listener => listener.port === Number(port[1])) ? EXACT_ELSEWHERE : NONE;
	const program = programName(command);
	if (name === term) return {rank: Rank.Exact, namePositions: range(0, term.length), commandPositions: []};
	if (program.text === term) return {rank: Rank.Exact, namePositions: [], commandPositions: range(program.start, term.length)};
	if (name.startsWith(term)) return {rank: Rank.Prefix, namePositions: range(0, term.length), commandPositions: []};
	if (program.text.startsWith(term)) return {rank: Rank.Prefix, namePositions: [], commandPositions: range(program.start, term.length)};
	const inName = name.indexOf(term);
	if (inName !== -1) return {rank: Rank.Substring, namePositions: range(inName, term.length), commandPositions: []};
	const inCommand = command.indexOf(term);
	if (inCommand !== -1) return {rank: Rank.Substring, namePositions: [], commandPositions: range(inCommand, term.length)};
	// The user, app and service are matched but not highlighted: each has its own column.
	if (user.includes(term) || process.app?.toLowerCase().includes(term) || process.service?.toLowerCase().includes(term)) return SUBSTRING_ELSEWHERE;
	if (!fuzzy) return NONE;
	const fuzzyName = fuzzyPositions(name, term);
	if (fuzzyName) return {rank: Rank.Fuzzy, namePositions: fuzzyName, commandPositions: []};
	const fuzzyProgram = fuzzyPositions(program.text, term);
	if (fuzzyProgram) return {rank: Rank.Fuzzy, namePositions: [], commandPositions: fuzzyProgram.map(index => index + program.start)};
	return NONE;
}

/**
 * Matches every term of `query` case-insensitively against a process.
 * The rank is the weakest term's rank; Rank.None when any term is missing.
 */
export function matchProcess(query: Query, process: Matchable): MatchResult {
	const name = process.name.toLowerCase();
	const command = process.command.toLowerCase();
	const user = (process.user ?? '').toLowerCase();
	let rank: Rank = Rank.Exact;
	const namePositions: number[] = [];
	const commandPositions: number[] = [];
	for (const term of query.terms) {
		const match = matchTerm(term, query.fuzzy, name, command, user, process);
		if (match.rank === Rank.None) return NONE;
		rank = Math.min(rank, match.rank) as Rank;
		namePositions.push(...match.namePositions);
		commandPositions.push(...match.commandPositions);
	}
	return {rank, namePositions, commandPositions};
}

/** The port a query watches (`:5432`, alone or among other terms), if any. */
export function watchedPort(text: string): number | undefined {
	const port = text
		.trim()
		.split(/\s+/)
		.map(term => PORT_TERM.exec(term)?.[1])
		.find(Boolean);
	return port === undefined ? undefined : Number(port);
}

/** Why nothing is listed for a watched port: nothing listens, or we may not see who does. */
export function noListenerReason(port: number, unseen: readonly Listener[]): string {
	return unseen.some(listener => listener.port === port) ? `:${port} is held by a process you cannot see (run with sudo)` : `nothing is listening on :${port}`;
}
