// The APP label (pure): what a process is, from its command line, in a few words. It picks the
// ecosystem's rules by the program (node, python, java, ruby, deno, bun, go, shells, Electron
// helpers); a process that set its own title (`postgres: checkpointer`, `npm run dev`) keeps it,
// and anything else is its executable's name. Facts needing I/O arrive lazily in AppFacts.

import {type AppFacts, basename, effectiveArgv} from './app-facts.js';
import {labelNode} from './app-node.js';
import {goRunBinary, helperType, labelBun, labelDeno, labelGo, labelJava, labelRuby, labelShell, titledTool} from './app-other.js';
import {labelPython} from './app-python.js';

const SHELLS = /^-?(ba|da|z|k|fi|a|tc|c)?sh$/;

/** Rules by the program's name; each gets the arguments with the program first. */
const BY_PROGRAM: ReadonlyArray<[RegExp, (argv: readonly string[], facts: AppFacts) => string]> = [
	[/^(node|nodejs|node\d+)$/, labelNode],
	[/^(python|pypy)[\d.]*$/, labelPython],
	[/^java$/, labelJava],
	[/^ruby[\d.]*$/, labelRuby],
	[/^deno$/, labelDeno],
	[/^bun$/, labelBun],
	[/^go$/, labelGo],
	[SHELLS, labelShell],
];

export function labelApp(facts: AppFacts): string {
	const [first] = facts.argv;
	if (first === undefined || first === '') return facts.name;
	// A title the process set for itself: one argument with spaces where the program path was.
	const titled = facts.argv.length === 1 && first.includes(' ') && !first.startsWith('/');
	const argv = titled ? effectiveArgv(facts.argv) : facts.argv;
	const program = basename(argv[0]!);
	const built = goRunBinary(argv[0]!);
	if (built) return built;
	const rule = BY_PROGRAM.find(([pattern]) => pattern.test(program));
	if (rule) return rule[1](argv, facts);
	const helper = helperType(program, argv);
	if (helper) return helper;
	// The package managers also run as programs of their own (a set title, pnpm's binary).
	const tool = titledTool(argv, facts);
	if (tool) return tool;
	if (titled) return first;
	return program || facts.name;
}
