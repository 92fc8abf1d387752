// Command-line parsing: meow's flag schema (the help text is help.ts's) and validation → Options.
// A bare `proctop` (the usual start) has nothing to parse: meow is loaded only when there are
// arguments (its load and first parse cost ~20 ms of the first frame).
// I/O: none except through `fail` (prints one line and exits 2) and meow's own --help/--version.

import {DESCRIPTION, HELP_TEXT, VERSION} from './help.js';
import {INTERVAL_RANGE_TEXT, intervalFromSeconds} from './interval.js';
import {COLUMN_IDS, type ColumnId, columnNamed} from './model/columns.js';
import {isSortKeyId, SORT_KEYS} from './model/sort.js';
import {parseServeAddress} from './serve/address.js';
import type {Options} from './types.js';
import {isTheme, THEMES} from './ui/themes.js';

export class UsageError extends Error {}

// Every spelling meow may report back: camelCase names, their kebab-case forms and short flags.
const KNOWN_FLAGS = new Set([
	'interval',
	'delay',
	'd',
	'sort',
	's',
	'tree',
	't',
	'threads',
	'columns',
	'theme',
	'mouse',
	'filter',
	'user',
	'u',
	'once',
	'json',
	'watch',
	'count',
	'color',
	'readonly',
	'pid',
	'p',
	'pick',
	'kill',
	'timeout',
	'force',
	'serve',
	'serveTokenFile',
	'serve-token-file',
	'serveInsecure',
	'serve-insecure',
	'serveTop',
	'serve-top',
	'serveGroupname',
	'serve-groupname',
	'connect',
	'history',
	'record',
	'replay',
	'at',
	'tokenFile',
	'token-file',
	'help',
	'h',
	'version',
	'V',
]);

/**
 * Flags that mean nothing together: rather than ignore one silently, say so (exit 2).
 * Each rule: when it applies, and the one line that explains it.
 */
const CONFLICTS: ReadonlyArray<{when: (flags: Record<string, unknown>) => boolean; message: string}> = [
	{when: f => Boolean(f.once) && Boolean(f.json), message: '--once and --json are two different outputs; pick one'},
	{
		when: f => f.columns !== undefined && (Boolean(f.json) || f.serve !== undefined || f.kill !== undefined),
		message: '--columns chooses the columns of the table (the UI and --once); --json, --serve and --kill print no table',
	},
	{when: f => Boolean(f.watch) && !f.json, message: '--watch goes with --json (one JSON document per interval); add --json, or drop --watch'},
	{
		when: f => f.count !== undefined && !(f.json && f.watch) && f.record === undefined,
		message: '--count goes with --json --watch or --record (it stops after n updates)',
	},
	{when: f => f.record !== undefined && f.replay !== undefined, message: '--record and --replay cannot be combined: record now, replay later'},
	{
		when: f => f.replay !== undefined && Boolean(f.serve !== undefined || f.connect !== undefined || f.kill || f.pick || f.once),
		message: '--replay shows a recording; it cannot be combined with --serve, --connect, --kill, --pick or --once',
	},
	{
		when: f => f.record !== undefined && Boolean(f.once || f.json || f.kill || f.pick),
		message: '--record keeps recording; it cannot be combined with --once, --json, --kill or --pick',
	},
	{when: f => f.at !== undefined && !(f.replay !== undefined && f.json), message: '--at goes with --replay FILE --json (the moment to print)'},
	{when: f => f.at !== undefined && Boolean(f.watch), message: '--at prints one moment and --watch all of them; pick one'},
	{
		when: f => f.replay !== undefined && Boolean(f.json) && f.at === undefined && !f.watch,
		message: '--replay --json needs --at TIME (one moment) or --watch (every moment, as NDJSON)',
	},
	{
		when: f => Boolean(f.tree) && Boolean(f.json),
		message: '--tree has no effect on --json (every process carries its ppid); drop --tree, or use --once --tree',
	},
	{
		when: f => Boolean(f.threads) && Boolean(f.kill || f.replay !== undefined || f.connect !== undefined),
		message: "--threads reads this machine's threads live (the UI, --once, --json); --kill, --replay and --connect show none",
	},
	{when: f => Boolean(f.pick) && Boolean(f.once || f.json), message: '--pick is interactive; it cannot be combined with --once or --json'},
	{
		when: f => Boolean(f.kill) && Boolean(f.once || f.json || f.pick || f.watch),
		message: '--kill acts and exits; it cannot be combined with --once, --json or --pick',
	},
	{when: f => Boolean(f.kill) && Boolean(f.readonly), message: '--kill sends signals, which --readonly forbids; drop one of them'},
	{when: f => !f.kill && (f.timeout !== undefined || f.force !== undefined), message: '--timeout and --force go with --kill :PORT'},
	{
		when: f => f.serve !== undefined && Boolean(f.once || f.json || f.pick || f.kill),
		message: '--serve keeps running (beside the UI, or alone); it cannot be combined with --once, --json, --pick or --kill',
	},
	{
		when: f => f.connect !== undefined && (f.serve !== undefined || Boolean(f.kill)),
		message: '--connect watches another machine; it cannot be combined with --serve or --kill',
	},
	{when: f => f.connect === undefined && f.tokenFile !== undefined, message: '--token-file goes with --connect (for --serve it is --serve-token-file)'},
	{
		when: f =>
			f.serve === undefined && (f.serveTokenFile !== undefined || f.serveInsecure !== undefined || f.serveTop !== undefined || f.serveGroupname !== undefined),
		message: '--serve-token-file, --serve-insecure, --serve-top and --serve-groupname go with --serve',
	},
];

/** `:3000` (or `3000` after --kill): a TCP/UDP port number. */
function parsePort(text: string, kill: boolean): number {
	const match = (kill ? /^:?(\d+)$/ : /^:(\d+)$/).exec(text.trim());
	const port = match ? Number(match[1]) : Number.NaN;
	if (!Number.isInteger(port) || port < 1 || port > 65_535) {
		const what = kill ? '--kill expects ports like :3000' : 'expected :PORT (like :3000); options start with --';
		throw new UsageError(`${JSON.stringify(text)} is not a port: ${what}, from 1 to 65535`);
	}
	return port;
}

/** `--serve` and its companions: where, the token rule for non-loopback addresses, top K, grouping. */
function serveOptions(flags: Record<string, unknown>): NonNullable<Options['serve']> {
	const address = parseServeAddress(String(flags.serve ?? ''));
	if ('error' in address) throw new UsageError(address.error);
	const tokenFile = flags.serveTokenFile as string | undefined;
	if (!address.loopback && tokenFile === undefined && !flags.serveInsecure)
		throw new UsageError(
			`--serve ${address.host}:${address.port} would show your processes to the network: add --serve-token-file FILE (a bearer token), or --serve-insecure if you mean it`,
		);
	const topRaw = flags.serveTop as string | undefined;
	const topK = topRaw === undefined ? 10 : Number(topRaw);
	if (!Number.isInteger(topK) || topK < 0 || topK > 1000)
		throw new UsageError(`--serve-top ${JSON.stringify(topRaw)} is not valid: expected a whole number from 0 to 1000`);
	const groupBy = (flags.serveGroupname as string | undefined) ?? 'app';
	if (groupBy !== 'app' && groupBy !== 'comm') throw new UsageError(`--serve-groupname ${JSON.stringify(groupBy)} is not valid: expected app or comm`);
	return {host: address.host, port: address.port, tokenFile, topK, groupBy};
}

/** Positional `:PORT`s: with --kill, the ports to free; else one port to watch (a filter). */
function portsFrom(input: readonly string[], kill: boolean): number[] {
	const ports = [...new Set(input.map(text => parsePort(text, kill)))];
	if (kill && ports.length === 0) throw new UsageError('--kill needs the port to free: proctop --kill :3000');
	if (!kill && ports.length > 1) throw new UsageError(`give one :PORT to watch (${input.join(' ')}); --kill takes several`);
	return ports;
}

function positiveNumber(flag: string, raw: string | undefined, allowed: string): number | undefined {
	if (raw === undefined) return undefined;
	const value = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
		throw new UsageError(`${flag} ${JSON.stringify(raw)} is not valid: expected ${allowed}`);
	}
	return value;
}

/** History kept unless told otherwise; at most a day (it is held in memory). */
const DEFAULT_HISTORY = '10m';
const MAX_HISTORY_MS = 24 * 3_600_000;

/** `--history 10m` / `90s` / `2h` / `0` (off) → milliseconds and the text as given. */
function historyOption(raw: string | undefined): {ms: number; label: string} {
	const text = (raw ?? DEFAULT_HISTORY).trim();
	if (text === '0') return {ms: 0, label: '0'};
	const match = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(text);
	const ms = match ? Number(match[1]) * {s: 1000, m: 60_000, h: 3_600_000}[match[2] as 's' | 'm' | 'h'] : Number.NaN;
	if (!(ms >= 1000 && ms <= MAX_HISTORY_MS))
		throw new UsageError(`--history ${JSON.stringify(raw)} is not valid: expected how long to remember, 1s to 24h, like 10m, 90s or 2h (0 turns it off)`);
	return {ms, label: text};
}

/** meow gives repeatable flags as arrays; a caller may also pass one string. */
function listOf(value: unknown): string[] {
	if (value === undefined) return [];
	return (Array.isArray(value) ? value : [value]).map(String);
}

/** Validated options from raw meow flags; throws UsageError with one readable line. */
export function toOptions(flags: Record<string, unknown>, environment: NodeJS.ProcessEnv = process.env, input: readonly string[] = []): Options {
	for (const conflict of CONFLICTS) if (conflict.when(flags)) throw new UsageError(conflict.message);
	const ports = portsFrom(input, Boolean(flags.kill));
	const timeout = positiveNumber('--timeout', flags.timeout as string | undefined, 'seconds to wait, e.g. 3 or 0.5');
	const kill = flags.kill ? {ports, timeoutMs: Math.round((timeout ?? 3) * 1000), force: Boolean(flags.force)} : undefined;
	const serve = flags.serve === undefined ? undefined : serveOptions(flags);
	const interval = positiveNumber('--interval', flags.interval as string | undefined, `a number of seconds ${INTERVAL_RANGE_TEXT}, e.g. 0.5`);
	const delay = positiveNumber('--delay', flags.delay as string | undefined, 'tenths of a second from 1 to 36000, e.g. 15');
	const sort = (flags.sort as string | undefined) ?? 'cpu';
	if (!isSortKeyId(sort)) throw new UsageError(`--sort ${JSON.stringify(sort)} is not valid: expected one of ${SORT_KEYS.map(key => key.id).join(', ')}`);
	const countRaw = flags.count as string | undefined;
	const count = positiveNumber('--count', countRaw, 'a whole number of updates greater than 0');
	if (count !== undefined && !Number.isInteger(count))
		throw new UsageError(`--count ${JSON.stringify(countRaw)} is not valid: expected a whole number of updates greater than 0`);
	const seconds = interval ?? (delay === undefined ? 1 : delay / 10);
	const intervalMs = intervalFromSeconds(seconds);
	if (intervalMs === undefined) {
		const given = interval === undefined ? `--delay ${JSON.stringify(flags.delay)}` : `--interval ${JSON.stringify(flags.interval)}`;
		throw new UsageError(`${given} is not valid: the refresh interval must be ${INTERVAL_RANGE_TEXT}`);
	}
	// NO_COLOR, and terminals that say they have no colour: TERM=dumb, xterm-mono and other *-mono.
	const noColor = (environment.NO_COLOR !== undefined && environment.NO_COLOR !== '') || /^dumb$|-mono$/.test(environment.TERM ?? '');
	const users = listOf(flags.user);
	if (users.length > 1) throw new UsageError(`--user is given ${users.length} times; proctop shows one user's processes (or all): give it once`);
	const user = users[0];
	if (user !== undefined && user.trim() === '') throw new UsageError('--user "" is not valid: expected a user name or uid');
	// --pid may repeat (-p 1 -p 2), as a list may: the pids are merged.
	const pidLists = listOf(flags.pid);
	let pids: number[] | undefined;
	for (const pidList of pidLists) {
		const parsed = pidList
			.split(',')
			.map(part => part.trim())
			.filter(Boolean)
			.map(Number);
		if (parsed.length === 0 || parsed.some(pid => !Number.isSafeInteger(pid) || pid <= 0)) {
			throw new UsageError(`--pid ${JSON.stringify(pidList)} is not valid: expected process ids separated by commas, e.g. 1,42,1337`);
		}
		pids = [...new Set([...(pids ?? []), ...parsed])];
	}
	const columns = columnsOption(flags.columns as string | undefined);
	const theme = (flags.theme as string | undefined) ?? 'dark';
	if (!isTheme(theme)) throw new UsageError(`--theme ${JSON.stringify(theme)} is not valid: expected one of ${THEMES.join(', ')}`);
	const explicit: Array<'sort' | 'tree' | 'intervalMs' | 'theme'> = [];
	if (flags.theme !== undefined) explicit.push('theme');
	if (flags.sort !== undefined) explicit.push('sort');
	if (flags.tree !== undefined) explicit.push('tree');
	if (interval !== undefined || delay !== undefined) explicit.push('intervalMs');
	return {
		intervalMs,
		sort,
		tree: Boolean(flags.tree),
		threads: Boolean(flags.threads),
		...(typeof flags.mouse === 'boolean' ? {mouse: flags.mouse} : {}),
		...(columns ? {columns} : {}),
		theme,
		// `proctop :3000` watches the port: the filter term `:3000` matches its listener only.
		filter: [kill ? undefined : ports.map(port => `:${port}`)[0], flags.filter as string | undefined].filter(Boolean).join(' '),
		user,
		once: Boolean(flags.once),
		json: Boolean(flags.json),
		watch: Boolean(flags.watch),
		count,
		color: flags.color !== false && !noColor,
		readonly: Boolean(flags.readonly),
		pids,
		pick: Boolean(flags.pick),
		history: historyOption(flags.history as string | undefined),
		...(typeof flags.record === 'string' ? {record: flags.record} : {}),
		...(typeof flags.replay === 'string' ? {replay: flags.replay, readonly: true} : {}),
		...(typeof flags.at === 'string' ? {at: flags.at} : {}),
		explicit,
		...(kill ? {kill} : {}),
		...(serve ? {serve} : {}),
		...(typeof flags.connect === 'string' ? {connect: {url: flags.connect, tokenFile: flags.tokenFile as string | undefined}, readonly: true} : {}),
	};
}

/** --columns pid,user,cpu,command: known ids, each once, at least one. */
function columnsOption(text: string | undefined): ColumnId[] | undefined {
	if (text === undefined) return undefined;
	const names = text
		.split(',')
		.map(part => part.trim())
		.filter(Boolean);
	const unknown = names.find(name => columnNamed(name) === undefined);
	if (unknown !== undefined || names.length === 0)
		throw new UsageError(
			`--columns ${JSON.stringify(text)} is not valid: ${unknown === undefined ? 'no columns named' : `no column ${JSON.stringify(unknown)}`}; expected some of ${COLUMN_IDS.join(', ')}`,
		);
	const ids = names.map(name => columnNamed(name)!);
	const twice = ids.find((id, index) => ids.indexOf(id) !== index);
	if (twice !== undefined) throw new UsageError(`--columns ${JSON.stringify(text)} is not valid: ${twice} is named twice`);
	return ids;
}

/** Parses argv; on a usage error prints `proctop: <reason>` to stderr and exits 2. */
/** What meow gives for no arguments: only the defaulted flags (a test keeps the two the same). */
const NO_ARGUMENTS: Record<string, unknown> = {color: true};

export async function parseFlags(argv: string[]): Promise<Options> {
	if (argv.length === 0) return withUsageErrors(() => toOptions(NO_ARGUMENTS, process.env, []));
	const {default: meow} = await import('meow');
	const cli = meow(HELP_TEXT, {
		// Only its url, which the CommonJS bundle defines (scripts/build.js); meow reads nothing from it when given `pkg`.
		importMeta: {url: import.meta.url} as ImportMeta,
		argv,
		pkg: {name: 'proctop', version: VERSION},
		description: DESCRIPTION,
		// meow's own message spans two lines; we report unknown flags ourselves, in one.
		allowUnknownFlags: true,
		flags: {
			interval: {type: 'string'},
			delay: {type: 'string', shortFlag: 'd'},
			sort: {type: 'string', shortFlag: 's'},
			columns: {type: 'string'},
			theme: {type: 'string'},
			tree: {type: 'boolean', shortFlag: 't'},
			threads: {type: 'boolean'},
			mouse: {type: 'boolean'},
			filter: {type: 'string'},
			user: {type: 'string', shortFlag: 'u', isMultiple: true},
			once: {type: 'boolean'},
			json: {type: 'boolean'},
			watch: {type: 'boolean'},
			count: {type: 'string'},
			color: {type: 'boolean', default: true},
			readonly: {type: 'boolean'},
			pid: {type: 'string', shortFlag: 'p', isMultiple: true},
			pick: {type: 'boolean'},
			kill: {type: 'boolean'},
			timeout: {type: 'string'},
			force: {type: 'boolean'},
			serve: {type: 'string'},
			serveTokenFile: {type: 'string'},
			serveInsecure: {type: 'boolean'},
			serveTop: {type: 'string'},
			serveGroupname: {type: 'string'},
			connect: {type: 'string'},
			history: {type: 'string'},
			record: {type: 'string'},
			replay: {type: 'string'},
			at: {type: 'string'},
			tokenFile: {type: 'string'},
			help: {type: 'boolean', shortFlag: 'h'},
			version: {type: 'boolean', shortFlag: 'V'},
		},
		// Absent booleans stay undefined, so remembered settings can tell "not given" from "off".
		booleanDefault: undefined,
	});
	// meow answers --help and --version itself; the short forms (htop's -h, -V) land here.
	if (cli.flags.help) cli.showHelp(0);
	if (cli.flags.version) cli.showVersion();
	return withUsageErrors(() => {
		const unknown = Object.keys(cli.unnormalizedFlags).find(name => !KNOWN_FLAGS.has(name));
		if (unknown !== undefined) {
			const dashes = unknown.length === 1 ? '-' : '--';
			throw new UsageError(`unknown flag ${dashes}${unknown}; run proctop --help for the flags it accepts`);
		}
		return toOptions(cli.flags, process.env, cli.input);
	});
}

/** A usage error is one line on stderr and status 2. */
function withUsageErrors(parse: () => Options): Options {
	try {
		return parse();
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		process.stderr.write(`proctop: ${error.message}\n`);
		process.exit(2);
	}
}
