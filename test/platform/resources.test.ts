import {mkdirSync, mkdtempSync, readdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {createResourceReader, parseIoBytes, parseOpenFileLimit, parseStatusResources} from '../../source/platform/linux/resources.js';

const STATUS = `Name:\tnode
State:\tS (sleeping)
VmRSS:\t   51200 kB
VmSwap:\t     128 kB
Threads:\t11
voluntary_ctxt_switches:\t4242
nonvoluntary_ctxt_switches:\t17
`;
const IO = 'rchar: 900000\nwchar: 800\nsyscr: 12\nsyscw: 3\nread_bytes: 4096\nwrite_bytes: 8192\ncancelled_write_bytes: 0\n';
const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            1024                 524288               files
Max locked memory         8388608              8388608              bytes
`;

describe('parsing', () => {
	test('status: swap in bytes, both kinds of context switch', () => {
		expect(parseStatusResources(STATUS)).toEqual({swapBytes: 131_072, voluntarySwitches: 4242, involuntarySwitches: 17});
	});
	test('a kernel thread has no VmSwap: unknown, not 0', () => {
		expect(parseStatusResources('Name:\tkworker/0:1\nvoluntary_ctxt_switches:\t9\n').swapBytes).toBeUndefined();
	});
	test('io: storage bytes, not rchar/wchar', () => {
		expect(parseIoBytes(IO)).toEqual({readBytes: 4096, writeBytes: 8192});
	});
	test('limits: the soft limit on open files; unlimited is no limit', () => {
		expect(parseOpenFileLimit(LIMITS)).toBe(1024);
		expect(parseOpenFileLimit(LIMITS.replace('1024   ', 'unlimited'))).toBeUndefined();
		expect(parseOpenFileLimit('garbage')).toBeUndefined();
	});
});

describe('createResourceReader', () => {
	test('a fake /proc: what is there is read, what is missing stays undefined', () => {
		const root = mkdtempSync(join(tmpdir(), 'proctop-resources-'));
		mkdirSync(join(root, '10', 'fd'), {recursive: true});
		writeFileSync(join(root, '10', 'status'), STATUS);
		writeFileSync(join(root, '10', 'limits'), LIMITS);
		for (const fd of ['0', '1', '2']) writeFileSync(join(root, '10', 'fd', fd), '');
		const read = createResourceReader(root);
		// No io file (as for another user's process without root): unknown bytes.
		expect(read(10, true)).toEqual({swapBytes: 131_072, voluntarySwitches: 4242, involuntarySwitches: 17, openFds: 3, fdLimit: 1024});
		expect(read(10, false).fdLimit).toBeUndefined();
		expect(read(11, true)).toEqual({openFds: undefined});
	});

	test('the real /proc: this process’s fds, switches, io and limit', () => {
		const read = createResourceReader();
		const resources = read(process.pid, true);
		// Listing the directory opens one fd of its own.
		const listed = readdirSync('/proc/self/fd').length - 1;
		expect(resources.openFds).toBe(listed);
		expect(resources.voluntarySwitches).toBeGreaterThan(0);
		expect(resources.swapBytes).toBeGreaterThanOrEqual(0);
		expect(resources.readBytes).toBeGreaterThanOrEqual(0);
		expect(resources.fdLimit).toBeGreaterThan(listed);
	});
});
