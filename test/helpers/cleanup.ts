// Test helper: what a test started is stopped after it, whatever happened in between.
import type {ChildProcess} from 'node:child_process';
import {afterAll} from 'vitest';

/**
 * Lists to push spawned processes and pseudo-terminals into; after the file's tests, each
 * process group is killed (helpers are started detached, so grandchildren go too) and each
 * terminal's program with it.
 */
export function cleanUpAfterAll(): {groups: ChildProcess[]; screens: Array<{kill(signal?: string): void}>} {
	const groups: ChildProcess[] = [];
	const screens: Array<{kill(signal?: string): void}> = [];
	afterAll(() => {
		for (const child of groups) {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				child.kill('SIGKILL');
			}
		}
		for (const screen of screens) screen.kill('SIGKILL');
	});
	return {groups, screens};
}
