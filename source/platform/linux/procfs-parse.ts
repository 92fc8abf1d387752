// Pure parsers for Linux /proc text: <pid>/stat, /proc/stat, /proc/meminfo, /etc/passwd.
// Strings in, plain objects out; no I/O. Field positions from proc(5).

import {decodeUtf8} from '../../sanitize.js';
import type {CpuTimes} from '../../types.js';

/** PF_KTHREAD from include/linux/sched.h: set only on kernel threads, whatever their name. */
export const PF_KTHREAD = 0x0020_0000;

/** The fields of /proc/<pid>/stat that proctop uses. Counters are in clock ticks, sizes as noted. */
export type ParsedStat = {
	pid: number;
	/** comm exactly as the kernel gave it (unsanitized; may hold any byte but NUL). */
	comm: string;
	state: string;
	ppid: number;
	pgrp: number;
	session: number;
	tty: number;
	flags: number;
	utime: number;
	stime: number;
	priority: number;
	nice: number;
	threads: number;
	/** Raw decimal text: identity must not lose precision even for absurd values. */
	starttime: string;
	/** Bytes. */
	vsize: number;
	/** Pages. */
	rss: number;
	/** The CPU it last ran on (field 39); only when asked for, else undefined. */
	processor?: number;
};

const INTEGER = /^-?\d+$/;

function integer(token: string | undefined): number {
	// Number('') is 0 and Number('1e3') is 1000: only plain decimal integers are accepted.
	return token !== undefined && INTEGER.test(token) ? Number(token) : Number.NaN;
}

const TAB = 0x09;
const SPACE = 0x20;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * One /proc/<pid>/stat line scanned in place: the numbers, and where comm and starttime sit in the
 * bytes (decoded only when needed). One record is reused for every line of a tick: the process
 * table scans thousands of lines a second and keeps nothing of most of them.
 */
export type StatScan = {
	pid: number;
	/** The state letter's char code. */
	state: number;
	ppid: number;
	pgrp: number;
	session: number;
	tty: number;
	flags: number;
	utime: number;
	stime: number;
	priority: number;
	nice: number;
	threads: number;
	vsize: number;
	rss: number;
	/** Field 39, or -1 when not asked for or not there. */
	processor: number;
	/** comm is bytes[commStart, commEnd); starttime's digits are bytes[startStart, startEnd). */
	commStart: number;
	commEnd: number;
	startStart: number;
	startEnd: number;
};

export function newStatScan(): StatScan {
	return {
		pid: 0,
		state: 0,
		ppid: 0,
		pgrp: 0,
		session: 0,
		tty: 0,
		flags: 0,
		utime: 0,
		stime: 0,
		priority: 0,
		nice: 0,
		threads: 0,
		vsize: 0,
		rss: 0,
		processor: -1,
		commStart: 0,
		commEnd: 0,
		startStart: 0,
		startEnd: 0,
	};
}

/** The numeric fields after the state, scanned into one reused array (field i+4 at index i). */
const scanned = new Float64Array(36);

/**
 * A whole number as V8 keeps small integers: unboxed. Reading a Float64Array element gives a boxed
 * double (a HeapNumber) even when it is whole, and a field first given boxes stays boxed for every
 * object of that shape: copied on into the raw rows and the samples, the stat fields cost
 * 13 boxes of 16 bytes per sample, over 200,000 heap objects at 5,000 processes for the
 * garbage collector to mark. Math.round of a whole number is that number, as a small integer where
 * it fits (pids, ticks, priorities, page counts; vsize in bytes does not, and stays a double).
 */
export const whole = Math.round;

/** The pid before ' (': digits with optional blanks around them; NaN for anything else. */
function scanPid(bytes: Uint8Array, end: number): number {
	let position = 0;
	while (position < end && bytes[position] === SPACE) position++;
	let value = 0;
	let digits = 0;
	while (position < end && bytes[position]! >= ZERO && bytes[position]! <= NINE) {
		value = value * 10 + (bytes[position]! - ZERO);
		digits++;
		position++;
	}
	while (position < end && bytes[position] === SPACE) position++;
	return digits > 0 && position === end ? value : Number.NaN;
}

/**
 * Scans one /proc/<pid>/stat line, bytes[0, end), into `into`; false for a truncated or garbled line, so no NaN
 * ever reaches a sort. The name sits between the first '(' and the LAST ')': comm may itself
 * contain spaces and parentheses (`(sd-pam)`, `evil) x`). Numbers are scanned straight from the
 * bytes. `withProcessor` scans on to field 39 (the CPU it last ran on): 15 more numbers per
 * process, so only while that column is shown.
 */
export function scanStat(bytes: Uint8Array, end: number, withProcessor: boolean, into: StatScan): boolean {
	if (end <= 0) return false;
	const open = bytes.indexOf(0x28); // '('
	const close = bytes.lastIndexOf(0x29, end - 1); // ')'
	if (open <= 0 || close < open || close + 2 >= end) return false;
	const pid = scanPid(bytes, open);
	if (!(pid > 0)) return false;
	const state = bytes[close + 2]!;
	// A one-letter state followed by a space.
	if (!((state >= 0x41 && state <= 0x5a) || (state >= 0x61 && state <= 0x7a)) || bytes[close + 3] !== SPACE) return false;
	// scanned[i] is stat field i+4 (ppid is field 4); we need up to rss, field 24 → [20], or
	// processor, field 39 → [35].
	let count = 0;
	let position = close + 4;
	const wanted = withProcessor ? 36 : 21;
	while (count < wanted) {
		// A kernel too old to have the field: the line ends first (its start must be whole).
		if (count >= 21 && position >= end) break;
		const start = position;
		let negative = false;
		if (bytes[position] === MINUS) {
			negative = true;
			position++;
		}
		let value = 0;
		let digits = 0;
		while (position < end) {
			const code = bytes[position]!;
			if (code < ZERO || code > NINE) break;
			value = value * 10 + (code - ZERO);
			digits++;
			position++;
		}
		const terminator = bytes[position];
		if (digits === 0 || (terminator !== SPACE && terminator !== 0x0a && position !== end)) {
			// Past rss only the processor is missing: the process itself is still whole.
			if (count >= 21) break;
			return false;
		}
		if (count === 18) {
			into.startStart = start;
			into.startEnd = position;
		}
		scanned[count++] = negative ? -value : value;
		position++;
	}
	into.pid = pid;
	into.state = state;
	// Through `whole`: see there why a Float64Array's element is never stored as it is.
	into.ppid = whole(scanned[0]!);
	into.pgrp = whole(scanned[1]!);
	into.session = whole(scanned[2]!);
	into.tty = whole(scanned[3]!);
	into.flags = whole(scanned[5]!);
	into.utime = whole(scanned[10]!);
	into.stime = whole(scanned[11]!);
	into.priority = whole(scanned[14]!);
	into.nice = whole(scanned[15]!);
	into.threads = whole(scanned[16]!);
	into.vsize = whole(scanned[19]!);
	into.rss = whole(scanned[20]!);
	into.processor = withProcessor && count === 36 ? whole(scanned[35]!) : -1;
	into.commStart = open + 1;
	into.commEnd = close;
	return true;
}

/** Whether bytes[start, end) spell `text` (latin1: one byte per character; digits, a stored comm's bytes). */
export function sameLatin1(bytes: Uint8Array, start: number, end: number, text: string): boolean {
	if (end - start !== text.length) return false;
	for (let index = start; index < end; index++) if (bytes[index] !== text.charCodeAt(index - start)) return false;
	return true;
}

/** Parses one /proc/<pid>/stat line (see scanStat) into a record of its own; undefined when garbled. */
export function parseStat(input: Uint8Array | string, withProcessor = false): ParsedStat | undefined {
	const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
	const scan = newStatScan();
	if (!scanStat(bytes, bytes.length, withProcessor, scan)) return undefined;
	return {
		pid: scan.pid,
		comm: decodeUtf8(bytes.subarray(scan.commStart, scan.commEnd)),
		state: String.fromCharCode(scan.state),
		ppid: scan.ppid,
		pgrp: scan.pgrp,
		session: scan.session,
		tty: scan.tty,
		flags: scan.flags,
		utime: scan.utime,
		stime: scan.stime,
		priority: scan.priority,
		nice: scan.nice,
		threads: scan.threads,
		starttime: latin1(bytes, scan.startStart, scan.startEnd),
		vsize: scan.vsize,
		rss: scan.rss,
		...(scan.processor >= 0 ? {processor: scan.processor} : {}),
	};
}

/** bytes[start, end) as latin1 text (one character per byte). */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

/** The whole-system line and the per-core lines of /proc/stat, plus btime (seconds since the epoch). */
export type ProcStat = {total: CpuTimes | undefined; cores: CpuTimes[]; bootTimeSeconds: number | undefined};

/**
 * Parses /proc/stat. busy = user+nice+system+irq+softirq+steal; total adds idle+iowait.
 * guest/guest_nice are already counted in user/nice (proc(5)), so they are not added again.
 */
export function parseProcStat(text: string): ProcStat {
	const cores: CpuTimes[] = [];
	let total: CpuTimes | undefined;
	let bootTimeSeconds: number | undefined;
	for (const line of text.split('\n')) {
		if (line.startsWith('cpu')) {
			const [label, ...fields] = line.split(/\s+/);
			const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields.map(Number);
			const busy = user + nice + system + irq + softirq + steal;
			const times = {busy, total: busy + idle + iowait};
			if (!Number.isFinite(times.total)) continue;
			if (label === 'cpu') total = times;
			else cores.push(times);
		} else if (line.startsWith('btime ')) {
			bootTimeSeconds = integer(line.slice(6).trim());
		}
	}
	return {total, cores, bootTimeSeconds};
}

/**
 * /proc/meminfo as bytes per key (the file says kB, which means KiB); with `keys`, only those.
 * Scanned by hand, not a regular expression per line: the header reads it every tick, and a
 * match array per line of its fifty-odd was a tenth of the bytes an idle tick allocated.
 */
export function parseMeminfo(text: string, keys?: ReadonlySet<string>): Map<string, number> {
	const values = new Map<string, number>();
	for (let start = 0; start < text.length; ) {
		let end = text.indexOf('\n', start);
		if (end === -1) end = text.length;
		const colon = text.indexOf(':', start);
		if (colon > start && colon < end) {
			const key = text.slice(start, colon);
			if (!keys || keys.has(key)) {
				const value = leadingNumber(text, colon + 1, end);
				if (value !== undefined) values.set(key, text.endsWith('kB', end) ? value * 1024 : value);
			}
		}
		start = end + 1;
	}
	return values;
}

/** The whole number after at least one blank in text[from, end), as in "MemTotal:   16000 kB"; undefined if none. */
function leadingNumber(text: string, from: number, end: number): number | undefined {
	let index = from;
	while (index < end && (text.charCodeAt(index) === SPACE || text.charCodeAt(index) === TAB)) index++;
	if (index === from) return undefined;
	let value = 0;
	const first = index;
	for (; index < end; index++) {
		const code = text.charCodeAt(index);
		if (code < ZERO || code > NINE) break;
		value = value * 10 + (code - ZERO);
	}
	return index === first ? undefined : value;
}

/** uid → user name from /etc/passwd text; malformed lines are skipped, the first entry wins. */
export function parsePasswd(text: string): Map<number, string> {
	const users = new Map<number, string>();
	for (const line of text.split('\n')) {
		const [name, , uid] = line.split(':');
		const id = integer(uid);
		if (name && Number.isFinite(id) && !users.has(id)) users.set(id, name);
	}
	return users;
}

/** /proc/<pid>/status as key → raw value text ("VmSwap" → "12 kB"). */
export function parseStatus(text: string): Map<string, string> {
	const fields = new Map<string, string>();
	for (const line of text.split('\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
	}
	return fields;
}

export type Socket = {protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6'; address: string; port: number; inode: string};

function ipv4(hex: string): string {
	// The kernel prints the address as one 32-bit number in host order: little-endian on every
	// platform proctop runs on, so the bytes come reversed.
	const bytes = [0, 1, 2, 3].map(index => Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16)).reverse();
	return bytes.join('.');
}

function decodeAddress(hex: string): string {
	if (hex.length === 8) return ipv4(hex);
	// IPv6: four 32-bit words, each in host (little-endian) order.
	const words = (hex.match(/.{8}/g) ?? []).map(word => word.match(/../g)!.reverse().join(''));
	const groups =
		words
			.join('')
			.match(/.{4}/g)
			?.map(group => Number.parseInt(group, 16).toString(16)) ?? [];
	// An IPv4-mapped address (::ffff:a.b.c.d) is the IPv4 address a dual-stack socket serves.
	if (groups.length === 8 && groups.slice(0, 5).every(group => group === '0') && groups[5] === 'ffff') return ipv4(hex.slice(24));
	// The longest run of two or more zero groups becomes `::` (RFC 5952).
	let best = {start: -1, length: 1};
	for (let start = 0; start < groups.length; start++) {
		let length = 0;
		while (groups[start + length] === '0') length++;
		if (length > best.length) best = {start, length};
	}
	if (best.start === -1) return groups.join(':');
	return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

/**
 * Listening sockets from /proc/net/{tcp,tcp6,udp,udp6}: TCP in state LISTEN (0A), UDP bound
 * with no peer (state 07). Address and port decoded, inode kept to match a process's fds.
 */
export function parseNetSockets(text: string, protocol: Socket['protocol']): Socket[] {
	const sockets: Socket[] = [];
	for (const line of text.split('\n').slice(1)) {
		const fields = line.trim().split(/\s+/);
		if (fields.length < 10) continue;
		const [local, remote, state, inode] = [fields[1]!, fields[2]!, fields[3]!, fields[9]!];
		const listening = protocol.startsWith('tcp') ? state === '0A' : state === '07' && /^0+:0000$/.test(remote);
		if (!listening) continue;
		const [address, port] = local.split(':');
		if (!address || !port) continue;
		sockets.push({protocol, address: decodeAddress(address), port: Number.parseInt(port, 16), inode});
	}
	return sockets;
}
