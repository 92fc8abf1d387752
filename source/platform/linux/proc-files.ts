// Reading /proc files cheaply, for the process table and the thread table alike: one buffer
// reused across every read of a tick, and stat files kept open between ticks (re-read with pread);
// and one shared reader for the /proc files read once in a while (readProcFile).
// I/O: open, pread and close of the paths it is given; nothing else.

import {closeSync, openSync, readSync} from 'node:fs';

export type FileReader = {
	/** The whole file from offset 0 of an open fd, into `buffer`: its length, or -1 when the process is gone (ESRCH). */
	readFdInto(fd: number): number;
	/** The one buffer every read fills (it grows for a big file): valid until the next read. */
	readonly buffer: Buffer;
	/** The whole file from offset 0 of an open fd; undefined when the process is gone (ESRCH). Valid until the next read. */
	readFd(fd: number): Buffer | undefined;
	/** The whole file, or undefined when it vanished or may not be read. Valid until the next read. */
	readPath(path: string): Buffer | undefined;
	/** The whole file, or readFileSync's error (its `code`: ENOENT, EACCES, ESRCH…). Valid until the next read. */
	readPathOrThrow(path: string): Buffer;
};

export function openOrUndefined(path: string): number | undefined {
	try {
		return openSync(path, 'r');
	} catch {
		return undefined;
	}
}

/** Reads whole files into one buffer reused across reads (no allocation per file). */
export function createReader(): FileReader {
	let buffer = Buffer.allocUnsafe(4096);
	/** The whole file from offset 0 of `fd` into `buffer` (grown as needed): its length; read errors are thrown. */
	function fill(fd: number): number {
		let length = 0;
		for (;;) {
			const read = readSync(fd, buffer, length, buffer.length - length, length);
			length += read;
			// A /proc file produces its whole text in one read when the buffer has room for it, so
			// a read that left room is the end: no second read just to be told 0 (half the syscalls).
			if (read === 0 || length < buffer.length) return length;
			const bigger = Buffer.allocUnsafe(buffer.length * 2);
			buffer.copy(bigger);
			buffer = bigger;
		}
	}
	function readFdInto(fd: number): number {
		try {
			return fill(fd);
		} catch {
			return -1;
		}
	}
	function readFd(fd: number): Buffer | undefined {
		const length = readFdInto(fd);
		return length < 0 ? undefined : buffer.subarray(0, length);
	}
	function readPath(path: string): Buffer | undefined {
		const fd = openOrUndefined(path);
		if (fd === undefined) return undefined;
		try {
			return readFd(fd);
		} finally {
			closeSync(fd);
		}
	}
	function readPathOrThrow(path: string): Buffer {
		const fd = openSync(path, 'r');
		try {
			// Not `buffer.subarray(0, fill(fd))`: that takes `buffer` before fill() may replace it with a bigger one.
			const length = fill(fd);
			return buffer.subarray(0, length);
		} finally {
			closeSync(fd);
		}
	}
	return {
		readFdInto,
		get buffer() {
			return buffer;
		},
		readFd,
		readPath,
		readPathOrThrow,
	};
}

/**
 * One reader for the /proc files read once in a while rather than kept: a new process's command
 * line and cgroup, /proc/meminfo, the socket tables, /proc/<pid>/io. Why not readFileSync: a /proc
 * file reports size 0, so it reads into a fresh 8 KiB buffer, then another to be told the end,
 * then copies: 16 KiB of short-lived buffers outside V8's heap per file, 160 MB for the command
 * lines and cgroups of 5,000 new processes, freed only by a later collection. The malloc arena
 * they were carved from stayed grown (measured at +5,000: 9 MB of free chunks still resident in
 * the main arena a minute later; peak RSS 86 → 81 MB with this reader).
 * Synchronous, so reads never interleave; what it returns is valid until the next read through it.
 */
const occasional = createReader();

/** The whole /proc file at `path` through the one occasional reader, or readFileSync's error. Valid until the next call. */
export function readProcFile(path: string): Buffer {
	return occasional.readPathOrThrow(path);
}

export type KeptFiles = {
	/** Starts a tick: files not read again before `closeUnlisted` are closed then. */
	beginTick(): void;
	/** The file named `name` (a pid, `pid/task/tid`), through its kept fd when there is one. */
	read(name: string): Buffer | undefined;
	/** The same into the reader's buffer: its length, or -1 when the file is gone (no view allocated per file). */
	readInto(name: string): number;
	/** The kept fd of `name`, if it is held (fstat on it saves a path walk). */
	fdOf(name: string): number | undefined;
	/** Closes the files not read this tick (their processes exited or are no longer asked for). */
	closeUnlisted(): void;
	/** Closes every kept file. */
	closeAll(): void;
	readonly size: number;
};

/** Files a tick may start keeping when none are kept: the first tick stays inside the fd table a process starts with (64 entries, ~20 in use by Node). */
export const FIRST_KEPT = 32;

/**
 * Files kept open between ticks, at most `keepAtMost`. A kept /proc/<pid>/stat fd is re-read
 * with pread at offset 0, which halves the syscall cost per process (open + close are half of
 * it: measured 8.6 µs vs 4.4 µs per process here); the price is ~4 KiB of kernel memory per open
 * seq_file, hence the cap. A kept fd names the task, not the number: once it exits the fd reads
 * ESRCH (empty), never a newcomer that reused the pid, and the file is reopened by path.
 *
 * The number kept at most doubles from one tick to the next (from FIRST_KEPT). Why: each time the
 * open fds outgrow the process's fd table the kernel doubles the table, and in a process with more
 * than one thread (Node always has several) it then waits out an RCU grace period, 8–20 ms of
 * sleep here. Keeping 5,000 files in one tick paid seven of them, ~55 ms of the first frame at
 * +5,000 processes; doubling pays about one a tick over the first few ticks, none before the first frame.
 */
export function createKeptFiles(reader: FileReader, keepAtMost: number, pathOf: (name: string) => string): KeptFiles {
	const kept = new Map<string, {fd: number; tick: number}>();
	let tick = 0;
	/** How many more files this tick may start keeping. */
	let mayKeep = 0;
	function closeUnlisted() {
		// forEach: no [key, value] pair allocated per file per tick, as for…of would.
		kept.forEach((held, name) => {
			if (held.tick === tick) return;
			closeSync(held.fd);
			kept.delete(name);
		});
	}
	function readInto(name: string): number {
		const held = kept.get(name);
		if (held) {
			held.tick = tick;
			const length = reader.readFdInto(held.fd);
			if (length > 0) return length;
			closeSync(held.fd);
			kept.delete(name);
		}
		// The path is spelled out only when the file is opened, not on every tick.
		const fd = openOrUndefined(pathOf(name));
		if (fd === undefined) return -1;
		const length = reader.readFdInto(fd);
		if (length >= 0 && kept.size < keepAtMost && mayKeep > 0) {
			mayKeep--;
			kept.set(name, {fd, tick});
		} else closeSync(fd);
		return length;
	}
	return {
		beginTick() {
			tick++;
			mayKeep = Math.max(FIRST_KEPT, kept.size);
		},
		read(name) {
			const length = readInto(name);
			return length < 0 ? undefined : reader.buffer.subarray(0, length);
		},
		readInto,
		fdOf: name => kept.get(name)?.fd,
		closeUnlisted,
		closeAll() {
			tick++;
			closeUnlisted();
		},
		get size() {
			return kept.size;
		},
	};
}
