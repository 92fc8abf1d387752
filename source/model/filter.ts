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
/** Where argv0's basename starts in a command line, and where it ends. */
function programBounds(command: string): {start: number; end: number} {
	const space = command.indexOf(' ');
	const end = space === -1 ? command.length : space;
	return {start: command.lastIndexOf('/', end - 1) + 1, end};
}

function range(start: number, length: number): number[] {
	const positions = new Array<number>(length);
	for (let index = 0; index < length; index++) positions[index] = start + index;
	return positions;
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

/** Where a term matched: in the name, in the command line (from `start`), or somewhere not highlighted. */
type Place = 'name' | 'command' | 'elsewhere';

/**
 * How the last term looked at matched, written by `rankTerm` and read straight after by
 * `positionsOfTerm`. A scratch record, not a result object: ranking runs once per process per
 * key while a filter is typed (5,000 processes: 5,000 objects and position arrays a key, for
 * the ~40 rows on screen that highlight them).
 */
const lastTerm: {place: Place; start: number; fuzzy: boolean} = {place: 'elsewhere', start: 0, fuzzy: false};

function found(rank: Rank, place: Place, start: number, fuzzy = false): Rank {
	lastTerm.place = place;
	lastTerm.start = start;
	lastTerm.fuzzy = fuzzy;
	return rank;
}

/** One term's rank against the lower-cased name, command line and user; notes where in `lastTerm`. */
function rankTerm(term: string, fuzzy: boolean, name: string, command: string, user: string, process: Matchable): Rank {
	const port = PORT_TERM.exec(term);
	if (port) return process.ports?.some(listener => listener.port === Number(port[1])) ? found(Rank.Exact, 'elsewhere', 0) : Rank.None;
	const program = programBounds(command);
	// Terms hold no whitespace, so a match at the program's start cannot run past its end into the arguments.
	const programStarts = command.startsWith(term, program.start);
	if (name === term) return found(Rank.Exact, 'name', 0);
	if (programStarts && program.end - program.start === term.length) return found(Rank.Exact, 'command', program.start);
	if (name.startsWith(term)) return found(Rank.Prefix, 'name', 0);
	if (programStarts) return found(Rank.Prefix, 'command', program.start);
	const inName = name.indexOf(term);
	if (inName !== -1) return found(Rank.Substring, 'name', inName);
	const inCommand = command.indexOf(term);
	if (inCommand !== -1) return found(Rank.Substring, 'command', inCommand);
	// The user, app and service are matched but not highlighted: each has its own column.
	if (user.includes(term) || process.app?.toLowerCase().includes(term) || process.service?.toLowerCase().includes(term)) {
		return found(Rank.Substring, 'elsewhere', 0);
	}
	if (!fuzzy) return Rank.None;
	if (fuzzyPositions(name, term)) return found(Rank.Fuzzy, 'name', 0, true);
	if (fuzzyPositions(command.slice(program.start, program.end), term)) return found(Rank.Fuzzy, 'command', program.start, true);
	return Rank.None;
}

/** The characters to highlight for the term `rankTerm` has just matched. */
function positionsOfTerm(term: string, name: string, command: string): number[] {
	const {place, start, fuzzy} = lastTerm;
	if (place === 'elsewhere') return [];
	if (!fuzzy) return range(start, term.length);
	if (place === 'name') return fuzzyPositions(name, term) ?? [];
	const program = programBounds(command);
	return (fuzzyPositions(command.slice(program.start, program.end), term) ?? []).map(index => index + program.start);
}

const NONE: MatchResult = {rank: Rank.None, namePositions: [], commandPositions: []};

/**
 * How well `query` matches a process, without the positions to highlight: what filtering and
 * sorting need. Every term must match; the rank is the weakest term's, Rank.None when one is missing.
 */
export function rankProcess(query: Query, process: Matchable): Rank {
	const name = process.name.toLowerCase();
	const command = process.command.toLowerCase();
	const user = (process.user ?? '').toLowerCase();
	let rank: Rank = Rank.Exact;
	for (const term of query.terms) {
		const termRank = rankTerm(term, query.fuzzy, name, command, user, process);
		if (termRank === Rank.None) return Rank.None;
		if (termRank < rank) rank = termRank;
	}
	return rank;
}

/**
 * Matches every term of `query` case-insensitively against a process, with the positions to
 * highlight: for the rows on screen. The rank is `rankProcess`'s.
 */
export function matchProcess(query: Query, process: Matchable): MatchResult {
	const name = process.name.toLowerCase();
	const command = process.command.toLowerCase();
	const user = (process.user ?? '').toLowerCase();
	let rank: Rank = Rank.Exact;
	const namePositions: number[] = [];
	const commandPositions: number[] = [];
	for (const term of query.terms) {
		const termRank = rankTerm(term, query.fuzzy, name, command, user, process);
		if (termRank === Rank.None) return NONE;
		if (termRank < rank) rank = termRank;
		const positions = positionsOfTerm(term, name, command);
		(lastTerm.place === 'name' ? namePositions : commandPositions).push(...positions);
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
