// App labels for the other runtimes (pure): java (`-jar` file or main class), ruby and bundler,
// deno, bun, `go run` builds, shell scripts, and Electron/Chromium helpers by their `--type=`.

import {type AppFacts, basename, firstOperand, INSIDE, scriptInProject} from './app-facts.js';
import {inCwdPackage, labelNodeTool} from './app-node.js';

const JAVA_VALUE_OPTIONS = new Set([
	'-cp',
	'-classpath',
	'--class-path',
	'-p',
	'--module-path',
	'--add-opens',
	'--add-exports',
	'--add-modules',
	'--add-reads',
	'-javaagent',
]);
/** Main classes whose own name says little: show the package's last part too (`startup.Bootstrap`). */
const GENERIC_CLASSES = new Set(['Main', 'Bootstrap', 'Application', 'App', 'Launcher', 'Server', 'Start', 'Runner']);

export function labelJava(argv: readonly string[]): string {
	for (let index = 1; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '-jar') return argv[index + 1] ? basename(argv[index + 1]!) : 'java -jar';
		if (arg === '-m' || arg === '--module') return argv[index + 1]?.split('/').at(-1) ?? 'java';
		if (!arg.startsWith('-')) {
			const parts = arg.split('.');
			const last = parts.at(-1)!;
			return GENERIC_CLASSES.has(last) && parts.length > 1 ? `${parts.at(-2)}.${last}` : last;
		}
		if (JAVA_VALUE_OPTIONS.has(arg)) index++;
	}
	return 'java';
}

const RUBY_VALUE_OPTIONS = new Set(['-r', '-I', '-C', '-E', '-e']);

/** `bundle exec rails server` → `rails server`; `bin/rails s` → `rails s`; `rake db:migrate`. */
export function labelRuby(argv: readonly string[], facts: AppFacts): string {
	let args = argv.slice(1);
	const start = firstOperand(args, 0, RUBY_VALUE_OPTIONS);
	if (start === -1) return args.includes('-e') ? 'ruby -e' : 'ruby';
	args = args.slice(start);
	if (basename(args[0]!) === 'bundle' && args[1] === 'exec') args = args.slice(2);
	const tool = basename(args[0] ?? 'ruby');
	if (['rails', 'rake', 'rspec', 'sidekiq', 'puma', 'bundle', 'jekyll', 'unicorn'].includes(tool))
		return [tool, args[1] && /^[\w:.-]+$/.test(args[1]) ? args[1] : undefined].filter(Boolean).join(' ');
	return scriptInProject(facts, args[0]!);
}

const DENO_VALUE_OPTIONS = new Set(['--config', '-c', '--import-map', '--lock', '--cert', '--location', '--seed', '--v8-flags', '--env-file']);

export function labelDeno(argv: readonly string[], facts: AppFacts): string {
	const [, command, ...rest] = argv;
	if (command === 'task') return inCwdPackage(facts, `deno task ${rest[0] ?? ''}`.trim());
	if (command === 'run' || command === 'serve' || command === 'test') {
		const index = firstOperand(rest, 0, DENO_VALUE_OPTIONS);
		return index === -1 ? `deno ${command}` : `${scriptInProject(facts, rest[index]!)} (deno)`;
	}
	return command && !command.startsWith('-') ? `${scriptInProject(facts, command)} (deno)` : 'deno';
}

export function labelBun(argv: readonly string[], facts: AppFacts): string {
	const [, command, ...rest] = argv;
	if (!command) return 'bun';
	if (command === 'run' && rest[0] && !/\.[cm]?[jt]sx?$/.test(rest[0])) return inCwdPackage(facts, `bun run ${rest[0]}`);
	if (command === 'run' || command === 'x') return rest[0] ? `${scriptInProject(facts, rest[0])} (bun)` : 'bun';
	if (/\.[cm]?[jt]sx?$/.test(command) || command.includes('/')) return `${scriptInProject(facts, command)} (bun)`;
	return inCwdPackage(facts, `bun ${command}`);
}

/** A binary `go run` built: it lives in Go's temporary build directory and is named after the package. */
export function goRunBinary(program: string): string | undefined {
	const built = program.match(/\/go-build\d+\/b\d+\/exe\/([^/]+)$/);
	return built ? `go run ${built[1]}` : undefined;
}

export function labelGo(argv: readonly string[]): string {
	const [, command, ...rest] = argv;
	if (command !== 'run') return command ? `go ${command}` : 'go';
	const index = firstOperand(rest, 0, new Set(['-C', '-tags', '-ldflags', '-gcflags', '-exec', '-mod', '-o']));
	return index === -1 ? 'go run' : `go run ${rest[index]}`;
}

const SHELL_VALUE_OPTIONS = new Set(['-o', '-O', '+O', '--rcfile', '--init-file']);

export function labelShell(argv: readonly string[], facts: AppFacts): string {
	const shell = basename(argv[0]!).replace(/^-/, '');
	if (argv[0]!.startsWith('-')) return `${shell} (login)`;
	const code = argv.findIndex((arg, index) => index > 0 && /^-[a-z]*c[a-z]*$/.test(arg));
	if (code !== -1) {
		const command = argv[code + 1] ?? '';
		return command ? `${shell} -c ${command}` : shell;
	}
	const index = firstOperand(argv, 1, SHELL_VALUE_OPTIONS);
	if (index === -1) return shell;
	const script = argv[index]!;
	// A script fed through a descriptor (`bash /dev/fd/3`, process substitution) has no better name.
	return script.startsWith('/dev/') || script.startsWith('/proc/') ? `${shell} ${script}` : scriptInProject(facts, script);
}

/** Electron and Chromium helpers: `code › renderer`, `slack › utility (NetworkService)`. */
export function helperType(program: string, argv: readonly string[]): string | undefined {
	const type = argv.find(arg => arg.startsWith('--type='))?.slice('--type='.length);
	if (!type) return undefined;
	const subType = argv
		.find(arg => arg.startsWith('--utility-sub-type='))
		?.split('.')
		.at(-1);
	return `${program}${INSIDE}${type}${subType ? ` (${subType})` : ''}`;
}

/** A JavaScript tool run as a program, often as a title it set itself (`npm run dev`). */
export function titledTool(words: readonly string[], facts: AppFacts): string | undefined {
	const [program, ...rest] = words;
	if (!program) return undefined;
	return labelNodeTool(basename(program), rest, facts);
}
