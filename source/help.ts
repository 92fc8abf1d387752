// The help screen and the version, as `--help` and `--version` print them (pure). Kept apart
// from the flag parser so the launcher can answer `proctop --help` / `--version` from a tiny
// bundle (quick-answer.ts) without loading the whole program; meow prints the same bytes
// when the flags arrive in other company (a test compares the two).

import {COLUMN_IDS} from './model/columns.js';
import {SORT_KEYS} from './model/sort.js';

declare const PROCTOP_VERSION: string;

export const VERSION = typeof PROCTOP_VERSION === 'string' ? PROCTOP_VERSION : '0.0.0-dev';

export const DESCRIPTION = 'proctop: a fast, safe, top-like process monitor';

/** Words wrapped to fit beside the flag column (24 cells in, 60 wide). */
function besideFlags(text: string): string {
	const words = text.split(' ');
	const lines: string[] = [''];
	for (const word of words) {
		const last = lines.length - 1;
		if (lines[last]!.length + word.length + 1 > 60 && lines[last]) lines.push(word);
		else lines[last] = lines[last] ? `${lines[last]} ${word}` : word;
	}
	return lines.join(`\n${' '.repeat(24)}`);
}

/** The sort keys as the help lists them. */
function sortKeyList(): string {
	const ids = SORT_KEYS.map(key => key.id);
	return besideFlags(`Sort by ${ids.slice(0, -1).join(', ')} or ${ids.at(-1)!} (default cpu)`);
}

/** The column ids as --columns takes them. */
function columnList(): string {
	return besideFlags(`${COLUMN_IDS.join(', ')}`);
}

export const HELP_TEXT = `
Usage
  $ proctop [options] [:PORT]

  :PORT                 Show what listens on this port (:3000); with --once/--json print it

Options
  --interval <seconds>  Refresh interval, decimals allowed, 0.1 to 3600 (default 1)
  -d, --delay <tenths>  Refresh interval in tenths of a second, as htop's --delay
  -s, --sort <key>      ${sortKeyList()}
  -t, --tree            Start in tree view (--once prints the tree too)
  --threads             List each process's threads too (H in the UI); --json adds
                        every process's threadList (tid, name, state, CPU%)
  --columns <list>      The table's columns in this order, comma-separated:
                        ${columnList()}
  --filter <text>       Start with this filter applied
  -u, --user <name>     Show only this user's processes
  -p, --pid <list>      Show only these pids, comma-separated (as htop -p; may repeat)
  --once                Print one table (CPU% measured over one interval) and exit
  --json                Print one JSON snapshot and exit
  --watch               With --json: one JSON object per line, every interval (NDJSON)
  --count <n>           With --json --watch: stop after n updates
  --no-color            Monochrome output (NO_COLOR is honoured too)
  --theme <name>        Colours for a dark terminal (dark, the default), a light one
                        (light), or none (mono); "theme" in the settings file keeps one
  --readonly            Look only: no signals, no renice
  --mouse               Click a row to select it, twice for details, a title to sort
                        (again to invert), the wheel to scroll; Shift+drag still selects
                        text; "mouse": true in the settings file keeps it on (--no-mouse)
  --history <time>      How long the UI remembers ({ and } step back): 10m by default,
                        e.g. 90s, 30m, 2h; 0 turns it off
  --record <file>       Append every tick to a recording (beside the UI; without a
                        terminal or with --count n, alone and silent until SIGTERM)
  --replay <file>       Open a recording in the UI (read-only), from its start
  --at <time>           With --replay --json: the moment to print (16:04:12, +90s, ISO 8601)
  --pick                Pick processes in the UI; Enter prints their pids to stdout
  --kill :PORT…         SIGTERM what listens on the ports, wait, report; exit 0 once free
  --timeout <seconds>   With --kill: how long to wait for them to end (default 3)
  --force               With --kill: SIGKILL whatever is still running after the timeout
  --serve [ADDR:]PORT   Serve Prometheus metrics at /metrics (default 127.0.0.1:9256),
                        beside the UI, or alone when there is no terminal
  --serve-token-file <file>  Require this bearer token (needed to bind beyond loopback)
  --serve-insecure      Bind beyond loopback without a token (anyone may read the list)
  --serve-top <k>       Per-process series for the k busiest and k largest (default 10)
  --serve-groupname <by>  Group by app (default) or comm (exactly as process-exporter)
  --connect <url>       Watch another machine's proctop --serve (read-only)
  --token-file <file>   With --connect: the bearer token that server wants
  -h, --help            Show this help
  -V, --version         Show the version

Examples
  $ proctop --sort memory --tree
  $ proctop --once --filter node
  $ proctop --json | jq '.processes[0]'
  $ kill $(proctop --pick)
  $ proctop :3000
  $ proctop --kill :3000 --force
`;

/** Exactly what meow prints for --help: the description and the text, each indented two spaces. */
export function helpScreen(): string {
	const indent = (text: string) =>
		text
			.split('\n')
			.map(line => (line ? `  ${line}` : line))
			.join('\n');
	return `\n  ${DESCRIPTION}\n\n${indent(HELP_TEXT.replace(/^\n+|\n+$/g, ''))}\n\n`;
}
