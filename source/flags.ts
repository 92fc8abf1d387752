// Command-line parsing: the help text, meow's flag schema and validation → Options.
// I/O: none except through `fail` (prints one line and exits 2) and meow's own --help/--version.

import meow from 'meow';
import type {Options} from './types.js';
import {SORT_KEYS, isSortKeyId} from './sampling/sort.js';

declare const PROCTOP_VERSION: string;

export const HELP_TEXT = `
Usage
  $ proctop [options]

Options
  --interval <seconds>  Refresh interval, decimals allowed (default 1)
  -d, --delay <tenths>  Refresh interval in tenths of a second, as htop's --delay
  --sort <key>          Sort by cpu, memory, time, pid or name (default cpu)
  --tree                Start in tree view
  --filter <text>       Start with this filter applied
  --user <name>         Show only this user's processes
  --pid <list>          Show only these pids, comma-separated (as htop -p)
  --once                Print one table (CPU% measured over one interval) and exit
  --json                Print one JSON snapshot and exit
  --watch               With --json: one JSON object per line, every interval (NDJSON)
  --count <n>           With --watch: stop after n updates
  --no-color            Monochrome output (NO_COLOR is honoured too)
  --readonly            Look only: no signals, no renice
  --pick                Pick processes in the UI; Enter prints their pids to stdout
  --help                Show this help
  --version             Show the version

Examples
  $ proctop --sort memory --tree
  $ proctop --once --filter node
  $ proctop --json | jq '.processes[0]'
  $ kill $(proctop --pick)
`;

export class UsageError extends Error {}

// Every spelling meow may report back: camelCase names, their kebab-case forms and short flags.
const KNOWN_FLAGS = new Set(['interval', 'delay', 'd', 'sort', 'tree', 'filter', 'user', 'once', 'json', 'watch', 'count', 'color', 'readonly', 'pid', 'pick', 'help', 'version']);

function positiveNumber(flag: string, raw: string | undefined, allowed: string): number | undefined {
	if (raw === undefined) return undefined;
	const value = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
		throw new UsageError(`${flag} ${JSON.stringify(raw)} is not valid: expected ${allowed}`);
	}
	return value;
}

/** Validated options from raw meow flags; throws UsageError with one readable line. */
export function toOptions(flags: Record<string, unknown>, environment: NodeJS.ProcessEnv = process.env): Options {
	const interval = positiveNumber('--interval', flags['interval'] as string | undefined, 'a number of seconds greater than 0, e.g. 0.5');
	const delay = positiveNumber('--delay', flags['delay'] as string | undefined, 'tenths of a second greater than 0, e.g. 15');
	const sort = (flags['sort'] as string | undefined) ?? 'cpu';
	if (!isSortKeyId(sort)) throw new UsageError(`--sort ${JSON.stringify(sort)} is not valid: expected one of ${SORT_KEYS.map(key => key.id).join(', ')}`);
	const countRaw = flags['count'] as string | undefined;
	const count = positiveNumber('--count', countRaw, 'a whole number of updates greater than 0');
	if (count !== undefined && !Number.isInteger(count)) throw new UsageError(`--count ${JSON.stringify(countRaw)} is not valid: expected a whole number of updates greater than 0`);
	const intervalMs = interval !== undefined ? interval * 1000 : delay !== undefined ? delay * 100 : 1000;
	// Guard against timers that would spin: Node clamps setTimeout to 1 ms anyway.
	if (intervalMs < 10) throw new UsageError(`the refresh interval must be at least 0.01 seconds`);
	const noColor = environment['NO_COLOR'] !== undefined && environment['NO_COLOR'] !== '';
	const pidList = flags['pid'] as string | undefined;
	let pids: number[] | undefined;
	if (pidList !== undefined) {
		pids = pidList.split(',').map(part => part.trim()).filter(Boolean).map(Number);
		if (pids.length === 0 || pids.some(pid => !Number.isSafeInteger(pid) || pid <= 0)) {
			throw new UsageError(`--pid ${JSON.stringify(pidList)} is not valid: expected process ids separated by commas, e.g. 1,42,1337`);
		}
	}
	const explicit: Array<'sort' | 'tree' | 'intervalMs'> = [];
	if (flags['sort'] !== undefined) explicit.push('sort');
	if (flags['tree'] !== undefined) explicit.push('tree');
	if (interval !== undefined || delay !== undefined) explicit.push('intervalMs');
	return {
		intervalMs,
		sort,
		tree: Boolean(flags['tree']),
		filter: (flags['filter'] as string | undefined) ?? '',
		user: flags['user'] as string | undefined,
		once: Boolean(flags['once']),
		json: Boolean(flags['json']),
		watch: Boolean(flags['watch']),
		count,
		color: flags['color'] !== false && !noColor,
		readonly: Boolean(flags['readonly']),
		pids,
		pick: Boolean(flags['pick']),
		explicit,
	};
}

/** Parses argv; on a usage error prints `proctop: <reason>` to stderr and exits 2. */
export function parseFlags(argv: string[]): Options {
	const cli = meow(HELP_TEXT, {
		importMeta: import.meta,
		argv,
		pkg: {name: 'proctop', version: typeof PROCTOP_VERSION === 'string' ? PROCTOP_VERSION : '0.0.0-dev'},
		description: 'proctop: a fast, safe, top-like process monitor',
		// meow's own message spans two lines; we report unknown flags ourselves, in one.
		allowUnknownFlags: true,
		flags: {
			interval: {type: 'string'},
			delay: {type: 'string', shortFlag: 'd'},
			sort: {type: 'string'},
			tree: {type: 'boolean'},
			filter: {type: 'string'},
			user: {type: 'string'},
			once: {type: 'boolean'},
			json: {type: 'boolean'},
			watch: {type: 'boolean'},
			count: {type: 'string'},
			color: {type: 'boolean', default: true},
			readonly: {type: 'boolean'},
			pid: {type: 'string'},
			pick: {type: 'boolean'},
		},
		// Absent booleans stay undefined, so remembered settings can tell "not given" from "off".
		booleanDefault: undefined,
	});
	try {
		const unknown = Object.keys(cli.unnormalizedFlags).find(name => !KNOWN_FLAGS.has(name));
		if (unknown !== undefined) {
			const dashes = unknown.length === 1 ? '-' : '--';
			throw new UsageError(`unknown flag ${dashes}${unknown}; run proctop --help for the flags it accepts`);
		}
		return toOptions(cli.flags);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		process.stderr.write(`proctop: ${error.message}\n`);
		process.exit(2);
	}
}
