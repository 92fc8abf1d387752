// What the app labeller may know about one process, and the helpers every ecosystem's rules share
// (pure). The facts arrive from the platform; the lookups in them (`cwd`, `packageNear`) are lazy,
// so a process whose label does not need its working directory never costs a read.

import type {PackageInfo} from '../types.js';

export type {PackageInfo} from '../types.js';

export type AppFacts = {
	/** The command line's arguments; a process that rewrote its title may have one with spaces. */
	argv: readonly string[];
	/** The short name (comm), the fallback when there is no command line. */
	name: string;
	/** The working directory, read when a rule asks. */
	cwd: () => string | undefined;
	/** The nearest package.json at or above `dir`, read when a rule asks. */
	packageNear: (dir: string) => PackageInfo | undefined;
	/** The parent's label, for workers that are only meaningful as "worker of …". */
	parentApp: () => string | undefined;
};

/** The separator between a project and what runs in it: `my-api › server.js`. */
export const INSIDE = ' › ';

export function basename(path: string): string {
	const trimmed = path.replace(/\/+$/, '');
	return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function dirname(path: string): string {
	const index = path.replace(/\/+$/, '').lastIndexOf('/');
	return index <= 0 ? (path.startsWith('/') ? '/' : '.') : path.slice(0, index);
}

/** `path` made absolute against `cwd` ('.' and '..' resolved); undefined when neither is absolute. */
export function resolvePath(cwd: string | undefined, path: string): string | undefined {
	const joined = path.startsWith('/') ? path : cwd ? `${cwd}/${path}` : undefined;
	if (!joined) return undefined;
	const parts: string[] = [];
	for (const part of joined.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') parts.pop();
		else parts.push(part);
	}
	return `/${parts.join('/')}`;
}

/** `path` relative to `base` when inside it, else undefined. */
export function relativeInside(base: string, path: string): string | undefined {
	const prefix = base.endsWith('/') ? base : `${base}/`;
	return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}

/**
 * The arguments as the program was started: a process that set its title (`npm run dev`,
 * `next-server (v14.2.3)`) leaves one argument with spaces and nothing after it.
 */
export function effectiveArgv(argv: readonly string[]): readonly string[] {
	if (argv.length === 1 && argv[0]!.includes(' ')) return argv[0]!.split(/ +/).filter(Boolean);
	return argv;
}

/**
 * The first argument that is not an option, skipping the values of options that take one
 * (`-r ts-node/register`): its index, or -1.
 */
export function firstOperand(argv: readonly string[], from: number, takesValue: ReadonlySet<string>): number {
	for (let index = from; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--') return index + 1 < argv.length ? index + 1 : -1;
		if (!arg.startsWith('-') || arg === '-') return index;
		if (!arg.includes('=') && takesValue.has(arg)) index++;
	}
	return -1;
}

/** The value of `--name value` or `--name=value` (any of the spellings given), if present. */
export function optionValue(argv: readonly string[], names: readonly string[]): string | undefined {
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		for (const name of names) {
			if (arg === name) return argv[index + 1];
			if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
		}
	}
	return undefined;
}

/**
 * A script's label inside its project: the path from the nearest package.json (or, when there is
 * none, from the working directory) and the package's name: `my-api › src/server.js`.
 */
export function scriptInProject(facts: AppFacts, script: string): string {
	const cwd = facts.cwd();
	const absolute = resolvePath(cwd, script);
	if (!absolute) return script;
	const project = facts.packageNear(dirname(absolute));
	if (project) return `${project.name}${INSIDE}${relativeInside(project.dir, absolute) ?? basename(absolute)}`;
	return (cwd && relativeInside(cwd, absolute)) || basename(absolute);
}
