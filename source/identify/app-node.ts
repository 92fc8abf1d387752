// App labels for node and the JavaScript toolchain (pure): a script inside its package
// (`my-api › server.js`), package-manager scripts (`my-api › npm run dev`), dev servers and
// runners (`next dev`, `vite`, `tsx`, `nodemon`), test workers (`jest worker of …`) and VS Code's
// server processes. Reads the working directory and package.json only through the facts.

import {type AppFacts, basename, effectiveArgv, firstOperand, INSIDE, scriptInProject} from './app-facts.js';

/** node options whose value is the next argument (`-r ts-node/register`). */
const NODE_VALUE_OPTIONS = new Set([
	'-e',
	'--eval',
	'-p',
	'--print',
	'-r',
	'--require',
	'--import',
	'--loader',
	'--experimental-loader',
	'-C',
	'--conditions',
	'--title',
	'--env-file',
]);

/** The package a script belongs to when it runs from node_modules: `vite`, `@nestjs/cli`, `.bin/jest` → `jest`. */
export function packageOfScript(script: string): string | undefined {
	const at = script.lastIndexOf('/node_modules/');
	if (at === -1) return undefined;
	const parts = script.slice(at + '/node_modules/'.length).split('/');
	if (parts[0] === '.bin') return parts[1];
	return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** `my-api › what` when the working directory is inside a package, else `what`. */
export function inCwdPackage(facts: AppFacts, what: string): string {
	const cwd = facts.cwd();
	const project = cwd ? facts.packageNear(cwd) : undefined;
	return project ? `${project.name}${INSIDE}${what}` : what;
}

/** The first argument when it is a plain subcommand word (`dev`, `build`), not a path or option. */
const subcommand = (rest: readonly string[]) => (rest[0] && /^[a-z][\w:.-]*$/i.test(rest[0]) && !rest[0].includes('/') ? rest[0] : undefined);

const withSub = (tool: string, rest: readonly string[]) => [tool, subcommand(rest)].filter(Boolean).join(' ');

/** What a package manager runs: `npm run dev`, `npm start`, `npx vite`, `yarn dev`, `pnpm build`. */
function packageManager(tool: string, rest: readonly string[], facts: AppFacts): string {
	const [command, ...after] = rest;
	if (tool === 'npx') {
		const index = firstOperand(rest, 0, new Set(['-p', '--package', '-c', '--call']));
		return inCwdPackage(facts, index === -1 ? 'npx' : `npx ${basename(rest[index]!)}`);
	}
	if (command === 'exec' || command === 'x' || command === 'dlx')
		return inCwdPackage(facts, `${tool === 'npm' ? 'npx' : `${tool} ${command}`} ${after[0] ?? ''}`.trim());
	if (command === 'run' || command === 'run-script' || command === 'rum' || command === 'urn')
		return inCwdPackage(facts, `${tool} run ${after[0] ?? ''}`.trim());
	return inCwdPackage(facts, command ? `${tool} ${command}` : tool);
}

/** Runners that run a script of yours: label the script, marked with the runner. */
function scriptRunner(tool: string, rest: readonly string[], facts: AppFacts): string {
	// `tsx watch src/index.ts`: the runner's own subcommand is not the script.
	const from = rest[0] === 'watch' ? 1 : 0;
	const index = firstOperand(rest, from, new Set(['-r', '--require', '--import', '--watch', '-w', '-e', '--ext', '--exec', '-x', '--project', '-P']));
	const script = index === -1 ? undefined : rest[index];
	return script ? `${scriptInProject(facts, script)} (${tool})` : inCwdPackage(facts, tool);
}

const workerOf = (what: string, facts: AppFacts) => {
	const parent = facts.parentApp();
	return parent ? `${what} of ${parent}` : what;
};

/** Tools by package (or program) name; anything else from node_modules is `package subcommand`. */
const NODE_TOOLS: Record<string, (rest: readonly string[], facts: AppFacts) => string> = {
	npm: (rest, facts) => packageManager('npm', rest, facts),
	npx: (rest, facts) => packageManager('npx', rest, facts),
	yarn: (rest, facts) => packageManager('yarn', rest, facts),
	pnpm: (rest, facts) => packageManager('pnpm', rest, facts),
	tsx: (rest, facts) => scriptRunner('tsx', rest, facts),
	'ts-node': (rest, facts) => scriptRunner('ts-node', rest, facts),
	'ts-node-dev': (rest, facts) => scriptRunner('ts-node-dev', rest, facts),
	nodemon: (rest, facts) => scriptRunner('nodemon', rest, facts),
	'jest-worker': (_, facts) => workerOf('jest worker', facts),
	tinypool: (_, facts) => workerOf('vitest worker', facts),
	'next-server': (_, facts) => inCwdPackage(facts, 'next server'),
};

/** Whole-script paths that say what they are: test workers, next's server, VS Code's server. */
function knownScript(script: string, facts: AppFacts, rest: readonly string[]): string | undefined {
	if (script.includes('/jest-worker/')) return workerOf('jest worker', facts);
	if (/\/vitest\/dist\/workers?[/.]/.test(script) || script.includes('/tinypool/')) return workerOf('vitest worker', facts);
	if (script.includes('/next/dist/server/')) return inCwdPackage(facts, 'next server');
	const vscode = script.match(/\/\.vscode-server\/(?:bin|cli\/servers)\/|\/\.vscode-server\/extensions\/([^/]+)\//);
	if (vscode) {
		const extension = vscode[1]?.replace(/-\d+\.\d+\.\d+.*$/, '');
		const type = rest.find(arg => arg.startsWith('--type='))?.slice('--type='.length);
		return ['vscode-server', extension ?? type].filter(Boolean).join(INSIDE);
	}
	return undefined;
}

function toolLabel(tool: string, rest: readonly string[], facts: AppFacts): string {
	const rule = NODE_TOOLS[tool];
	return rule ? rule(rest, facts) : inCwdPackage(facts, withSub(basename(tool), rest));
}

/** The label for a program that is one of the JavaScript tools itself (a set title: `npm run dev`). */
export function labelNodeTool(program: string, rest: readonly string[], facts: AppFacts): string | undefined {
	return NODE_TOOLS[program]?.(rest, facts);
}

const TOOL_FILES = /^(npm-cli|npx-cli|yarn|pnpm|npm|npx)(\.c?js)?$/;

export function labelNode(argv: readonly string[], facts: AppFacts): string {
	const args = effectiveArgv(argv);
	const index = firstOperand(args, 1, NODE_VALUE_OPTIONS);
	// With -e or -p the code is the program; what follows are its arguments, not a script.
	const evaluates = args.slice(1, index === -1 ? undefined : index).some(arg => /^(-e|--eval|-p|--print)(=|$)/.test(arg));
	if (index === -1 || evaluates) {
		if (args.some(arg => arg === '-e' || arg === '--eval' || arg === '-p' || arg === '--print')) return 'node -e';
		if (args.includes('--test')) return inCwdPackage(facts, 'node --test');
		return 'node';
	}
	const script = args[index]!;
	const rest = args.slice(index + 1);
	const known = knownScript(script, facts, rest);
	if (known) return known;
	const fromModules = packageOfScript(script);
	// corepack and the global npm ship their tools as scripts: name them by the file.
	const file = basename(script).match(TOOL_FILES)?.[1]?.replace('-cli', '');
	if (file && (fromModules === undefined || fromModules === 'npm' || fromModules === 'corepack' || fromModules === file)) return toolLabel(file, rest, facts);
	// A scoped package names its tool by the bin file: `@nestjs/cli/bin/nest.js` is `nest`.
	if (fromModules?.startsWith('@')) return toolLabel(basename(script).replace(/\.[cm]?js$/, ''), rest, facts);
	if (fromModules) return toolLabel(fromModules, rest, facts);
	return scriptInProject(facts, script);
}
