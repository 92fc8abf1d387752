// The test run itself: every temporary file goes into one private directory that the global
// setup removes afterwards (#12: `npm test` used to leave ~50 entries in /tmp per run).

import {spawnSync} from 'node:child_process';
import {tmpdir} from 'node:os';
import {expect, test} from 'vitest';

test('tests and what they spawn write temporary files into the run-private directory', () => {
	expect(tmpdir()).toMatch(/proctop-test-run-[^/]+$/);
	const child = spawnSync('sh', ['-c', 'echo "$TMPDIR"'], {encoding: 'utf8'});
	expect(child.stdout.trim()).toBe(tmpdir());
});
