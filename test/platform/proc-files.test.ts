// The shared /proc file reading: whole files in one reused buffer (one read when it fits, more
// when it does not, never a byte lost at the boundary), and kept files that follow the task.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {createKeptFiles, createReader, FIRST_KEPT, readProcFile} from '../../source/platform/linux/proc-files.js';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

describe('the /proc file reader', () => {
	test.each([0, 1, 4095, 4096, 4097, 10_000, 70_000])('a %i-byte file is read whole', size => {
		const dir = mkdtempSync(join(tmpdir(), 'proctop-files-'));
		dirs.push(dir);
		const content = Buffer.from(Array.from({length: size}, (_, index) => 97 + (index % 26)));
		writeFileSync(join(dir, 'file'), content);
		const bytes = createReader().readPath(join(dir, 'file'));
		expect(bytes?.length).toBe(size);
		expect(bytes?.equals(content)).toBe(true);
	});

	test('the files kept at most double from one tick to the next, and every read is right whatever is kept', () => {
		const dir = mkdtempSync(join(tmpdir(), 'proctop-files-'));
		dirs.push(dir);
		const names = Array.from({length: 100}, (_, index) => String(index + 1));
		for (const name of names) writeFileSync(join(dir, name), `file ${name}`);
		const kept = createKeptFiles(createReader(), 90, name => join(dir, name));
		const sizes: number[] = [];
		for (let tick = 0; tick < 4; tick++) {
			kept.beginTick();
			for (const name of names) expect(kept.read(name)?.toString()).toBe(`file ${name}`);
			kept.closeUnlisted();
			sizes.push(kept.size);
		}
		// From FIRST_KEPT, doubling, up to the cap.
		expect(FIRST_KEPT).toBe(32);
		expect(sizes).toEqual([32, 64, 90, 90]);
		// The first 32 read are the first kept: a kept file is read through its fd.
		expect(kept.fdOf('1')).toBeTypeOf('number');
		expect(kept.fdOf('100')).toBeUndefined();
		kept.closeAll();
		expect(kept.size).toBe(0);
	});

	test.runIf(process.platform === 'linux')('the real /proc/self/stat and cmdline, kept open and read again', () => {
		const reader = createReader();
		const kept = createKeptFiles(reader, 10, name => `/proc/${name}/stat`);
		kept.beginTick();
		const first = kept.read('self')?.toString('latin1');
		expect(first).toMatch(new RegExp(`^${process.pid} \\(`));
		expect(kept.size).toBe(1);
		kept.beginTick();
		expect(kept.read('self')?.toString('latin1')).toMatch(new RegExp(`^${process.pid} \\(`));
		expect(reader.readPath('/proc/self/cmdline')?.toString('latin1').split('\0')[0]).toBe(process.execPath);
		kept.closeAll();
		expect(kept.size).toBe(0);
	});

	test('readProcFile reads a whole file into the one shared buffer, and fails as readFileSync does', () => {
		const dir = mkdtempSync(join(tmpdir(), 'proctop-files-'));
		dirs.push(dir);
		const big = 'x'.repeat(9000);
		writeFileSync(join(dir, 'big'), big);
		writeFileSync(join(dir, 'small'), 'small');
		const first = readProcFile(join(dir, 'big'));
		expect(first.toString()).toBe(big);
		// The next read reuses the same memory (what makes it allocation-free), so callers decode at once.
		const second = readProcFile(join(dir, 'small'));
		expect(second.toString()).toBe('small');
		expect(second.buffer).toBe(first.buffer);
		expect(() => readProcFile(join(dir, 'missing'))).toThrow(expect.objectContaining({code: 'ENOENT'}));
		expect(() => readProcFile(dir)).toThrow(expect.objectContaining({code: 'EISDIR'}));
	});

	test.runIf(process.platform === 'linux')('readProcFile reads the real /proc files that report a size of 0', () => {
		expect(readProcFile('/proc/self/cmdline').toString('latin1').split('\0')[0]).toBe(process.execPath);
		expect(readProcFile('/proc/meminfo').toString('latin1')).toMatch(/^MemTotal:\s+\d+ kB$/m);
		// A process that is gone: its directory no longer exists.
		expect(() => readProcFile('/proc/999999999/cmdline')).toThrow(expect.objectContaining({code: 'ENOENT'}));
	});
});
