// Vitest global setup: make sure dist/cli.js is built from the current source before CLI and
// pseudo-terminal tests spawn it (a no-op when it is already fresh).
import {execFileSync} from 'node:child_process';

export default function setup() {
	execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});
}
