// Pure matching of a typed query against process names and command lines, ranked
// exact > prefix > substring > fuzzy, with the matched character positions for highlighting.

export const Rank = {None: 0, Fuzzy: 1, Substring: 2, Prefix: 3, Exact: 4} as const;
export type Rank = (typeof Rank)[keyof typeof Rank];

export type MatchResult = {
	rank: Rank;
	/** UTF-16 indexes of matched characters in the name and in the command. */
	namePositions: number[];
	commandPositions: number[];
};

/** Whitespace-separated terms, lower-cased; every term must match (like htop's filter, per word). */
export function parseQuery(query: string): string[] {
	return query.toLowerCase().split(/\s+/).filter(Boolean);
}

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

function matchTerm(term: string, name: string, command: string): MatchResult {
	const program = programName(command);
	const none: MatchResult = {rank: Rank.None, namePositions: [], commandPositions: []};
	if (name === term) return {rank: Rank.Exact, namePositions: range(0, term.length), commandPositions: []};
	if (program.text === term) return {rank: Rank.Exact, namePositions: [], commandPositions: range(program.start, term.length)};
	if (name.startsWith(term)) return {rank: Rank.Prefix, namePositions: range(0, term.length), commandPositions: []};
	if (program.text.startsWith(term)) return {rank: Rank.Prefix, namePositions: [], commandPositions: range(program.start, term.length)};
	const inName = name.indexOf(term);
	if (inName !== -1) return {rank: Rank.Substring, namePositions: range(inName, term.length), commandPositions: []};
	const inCommand = command.indexOf(term);
	if (inCommand !== -1) return {rank: Rank.Substring, namePositions: [], commandPositions: range(inCommand, term.length)};
	const fuzzyName = fuzzyPositions(name, term);
	if (fuzzyName) return {rank: Rank.Fuzzy, namePositions: fuzzyName, commandPositions: []};
	const fuzzyProgram = fuzzyPositions(program.text, term);
	if (fuzzyProgram) return {rank: Rank.Fuzzy, namePositions: [], commandPositions: fuzzyProgram.map(index => index + program.start)};
	return none;
}

/**
 * Matches every term of `terms` (from parseQuery) case-insensitively against a process.
 * The rank is the weakest term's rank; Rank.None when any term is missing.
 */
export function matchProcess(terms: readonly string[], process: {name: string; command: string}): MatchResult {
	const name = process.name.toLowerCase();
	const command = process.command.toLowerCase();
	let rank: Rank = Rank.Exact;
	const namePositions: number[] = [];
	const commandPositions: number[] = [];
	for (const term of terms) {
		const match = matchTerm(term, name, command);
		if (match.rank === Rank.None) return {rank: Rank.None, namePositions: [], commandPositions: []};
		rank = Math.min(rank, match.rank) as Rank;
		namePositions.push(...match.namePositions);
		commandPositions.push(...match.commandPositions);
	}
	return {rank, namePositions, commandPositions};
}
