// Vitest global setup: make sure dist/cli.js is built from the current source before CLI and
// pseudo-terminal tests spawn it (a no-op when it is already fresh), and give the whole run one
// private temporary directory (TMPDIR, which the test workers and everything they spawn inherit)
// that is removed afterwards, whatever passed or failed: `npm test` leaves nothing in /tmp.
import {execFileSync} from 'node:child_process';
import {chmodSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export default function setup() {
	execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});
	const previous = process.env.TMPDIR;
	const directory = mkdtempSync(join(tmpdir(), 'proctop-test-run-'));
	// Some tests run proctop as an unprivileged user (setpriv): it may look up the directory too.
	chmodSync(directory, 0o755);
	process.env.TMPDIR = directory;
	return () => {
		rmSync(directory, {recursive: true, force: true});
		if (previous === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = previous;
	};
}
