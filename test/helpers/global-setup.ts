// Vitest global setup: make sure dist/cli.cjs is built from the current source before CLI and
// pseudo-terminal tests spawn it (a no-op when it is already fresh), and give the whole run one
// private temporary directory (TMPDIR, which the test workers and everything they spawn inherit)
// that is removed afterwards, whatever passed or failed: `npm test` leaves nothing in /tmp.
import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** Tools some tests need; without them those tests are skipped, and the run says so up front. */
const OPTIONAL_TOOLS: ReadonlyArray<{command: string; tests: string; install: string}> = [
	{command: 'prometheus', tests: 'the real-Prometheus scrape in test/terminal/serve.test.ts', install: 'apt-get install prometheus'},
	{
		command: 'prometheus-process-exporter',
		tests: 'the process-exporter parity check in test/terminal/serve.test.ts',
		install: 'apt-get install prometheus-process-exporter',
	},
	{command: 'promtool', tests: '`promtool check metrics` in test/serve/metrics.test.ts', install: 'apt-get install prometheus'},
	{command: 'pidstat', tests: 'the pidstat -d comparison of IO_W/s in test/terminal/io-rates.test.ts', install: 'apt-get install sysstat'},
	{command: 'python3', tests: 'the http.server and multiprocessing checks in test/terminal/ports.test.ts', install: 'apt-get install python3'},
	{command: 'setpriv', tests: 'the unprivileged-user checks (also need root)', install: 'apt-get install util-linux'},
];

function sayWhatIsSkipped() {
	for (const tool of OPTIONAL_TOOLS) {
		const found = spawnSync('sh', ['-c', `command -v ${tool.command}`]).status === 0;
		if (!found) process.stdout.write(`proctop tests: skipping ${tool.tests}: no \`${tool.command}\` here (${tool.install})\n`);
	}
}

export default function setup() {
	execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});
	sayWhatIsSkipped();
	const previous = process.env.TMPDIR;
	const directory = mkdtempSync(join(tmpdir(), 'proctop-test-run-'));
	// Some tests run proctop as an unprivileged user (setpriv): it may look up the directory too.
	chmodSync(directory, 0o755);
	process.env.TMPDIR = directory;
	// The launcher keeps V8's code cache there (source/code-cache.cjs): in the run's directory, not the user's ~/.cache.
	const previousCache = process.env.XDG_CACHE_HOME;
	process.env.XDG_CACHE_HOME = join(directory, 'cache');
	return () => {
		rmSync(directory, {recursive: true, force: true});
		if (previous === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = previous;
		if (previousCache === undefined) delete process.env.XDG_CACHE_HOME;
		else process.env.XDG_CACHE_HOME = previousCache;
	};
}
