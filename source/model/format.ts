// Pure formatters shared by the UI and the batch outputs: sizes, percentages, CPU times,
// and display-width-aware truncation/padding (never splits a grapheme, never wraps).

import stringWidth from 'string-width';
import type {Listener, ProcessSample} from '../types.js';

const UNITS = ['K', 'M', 'G', 'T', 'P'];

/** htop-style sizes in binary units: 900K, 12.3M, 1.21G. */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return '?';
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1000 && unit < UNITS.length - 1) {
		value /= 1024;
		unit++;
	}
	if (unit === 0) return `${Math.round(value)}K`;
	const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
	return `${value.toFixed(digits)}${UNITS[unit]}`;
}

/** One decimal; "-" when there is no value yet (first sight of a process). */
export function formatPercent(value: number | null): string {
	if (value === null || !Number.isFinite(value)) return '-';
	return value >= 1000 ? String(Math.round(value)) : value.toFixed(1);
}

/** TIME+ as htop shows it: M:SS.cc under an hour, HhMM:SS under 100 hours, then Nh. */
export function formatCpuTime(seconds: number): string {
	if (!Number.isFinite(seconds) || seconds < 0) return '?';
	const hundredths = Math.floor(seconds * 100);
	const totalSeconds = Math.floor(hundredths / 100);
	const hours = Math.floor(totalSeconds / 3600);
	const minutes = Math.floor((totalSeconds % 3600) / 60);
	const secs = totalSeconds % 60;
	const two = (n: number) => String(n).padStart(2, '0');
	if (hours >= 100) return `${hours}h`;
	if (hours > 0) return `${hours}h${two(minutes)}:${two(secs)}`;
	return `${minutes}:${two(secs)}.${two(hundredths % 100)}`;
}

/** Uptime: "3 days, 04:05:06" or "04:05:06". */
export function formatUptime(seconds: number): string {
	const total = Math.max(0, Math.floor(seconds));
	const days = Math.floor(total / 86_400);
	const two = (n: number) => String(n).padStart(2, '0');
	const clock = `${two(Math.floor((total % 86_400) / 3600))}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
	return days > 0 ? `${days} day${days === 1 ? '' : 's'}, ${clock}` : clock;
}

/**
 * What the COMMAND column shows: `[name]` for kernel threads, `name <defunct>` for zombies,
 * `{name} thread of PID` for a thread's row (braces as pstree draws threads).
 */
export function displayCommand(process: Pick<ProcessSample, 'name' | 'command' | 'isKernelThread' | 'state' | 'threadOf'>): string {
	if (process.threadOf !== undefined) return `{${process.name}} thread of ${process.threadOf}`;
	if (process.isKernelThread) return `[${process.name}]`;
	if (process.state === 'Z') return `${process.name} <defunct>`;
	return process.command || `[${process.name}]`;
}

// One cell per UTF-16 unit: ASCII, Latin, and the box-drawing, arrow and block characters the
// UI draws itself (East Asian "ambiguous", narrow here as in string-width's default). Skipping
// string-width for these keeps a frame's cost down: it dominated the startup profile.
// (U+25FD and U+25FE are emoji, two cells: left out.) The bundle's string-width has the same fast
// path (scripts/string-width-patch.js; a test keeps the two classes equal).
export const PLAIN = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc\u25ff]*$/;
/**
 * Grapheme clusters. In the bundle every Intl.Segmenter is the stand-in of
 * scripts/lazy-segmenter.js, which loads ICU's break data (~13 ms) only on the first text that is
 * not plain, so this needs no laziness of its own.
 */
const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Display width in terminal cells. */
export function displayWidth(text: string): number {
	return PLAIN.test(text) ? text.length : stringWidth(text);
}

/**
 * Cuts `text` to at most `width` cells, ending in '…' when cut. Whole graphemes only:
 * a wide character that would straddle the edge is dropped, never split.
 */
export function truncate(text: string, width: number): string {
	if (width <= 0) return '';
	if (PLAIN.test(text)) return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
	// Walk graphemes lazily and stop at the edge: a 300 KB command line costs only what shows.
	let used = 0;
	let cutAt = 0;
	for (const {segment, index} of graphemes.segment(text)) {
		const cells = stringWidth(segment);
		if (used + cells > width) return `${text.slice(0, cutAt)}…`;
		used += cells;
		if (used <= width - 1) cutAt = index + segment.length;
	}
	return text;
}

/**
 * `text` without its first `cells` cells (whole graphemes: a wide character straddling the cut
 * goes too), and how many UTF-16 units went, so positions into `text` can follow.
 */
export function dropCells(text: string, cells: number): {text: string; dropped: number} {
	if (cells <= 0) return {text, dropped: 0};
	if (PLAIN.test(text)) return {text: text.slice(cells), dropped: Math.min(cells, text.length)};
	let used = 0;
	for (const {segment, index} of graphemes.segment(text)) {
		if (used >= cells) return {text: text.slice(index), dropped: index};
		used += displayWidth(segment);
	}
	return {text: '', dropped: text.length};
}

/** Exactly `width` cells: truncated, then padded on the right (or the left when align is 'right'). */
export function fitCell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	const cut = truncate(text, width);
	const padding = ' '.repeat(Math.max(0, width - displayWidth(cut)));
	return align === 'right' ? padding + cut : cut + padding;
}

/**
 * Hard-wraps text into lines of at most `width` cells, never splitting a grapheme. Plain text is
 * sliced directly; other text is segmented in chunks cut just before an ASCII character (always
 * a grapheme boundary once controls are escaped), because V8's Intl.Segmenter slows down badly
 * on long strings: one pass over a 300 KB command line took a minute.
 */
export function wrapText(text: string, width: number): string[] {
	if (width <= 0) return [];
	if (PLAIN.test(text)) {
		const lines: string[] = [];
		for (let start = 0; start < text.length; start += width) lines.push(text.slice(start, start + width));
		return lines.length > 0 ? lines : [''];
	}
	const lines: string[] = [];
	let line = '';
	let used = 0;
	for (const chunk of graphemeSafeChunks(text, 2048)) {
		if (PLAIN.test(chunk)) {
			// One cell per code unit: fill lines by slicing.
			let rest = chunk;
			while (rest) {
				if (used >= width) {
					lines.push(line);
					line = '';
					used = 0;
				}
				const piece = rest.slice(0, width - used);
				line += piece;
				used += piece.length;
				rest = rest.slice(piece.length);
			}
			continue;
		}
		for (const {segment} of graphemes.segment(chunk)) {
			const cells = displayWidth(segment);
			if (used + cells > width && line) {
				lines.push(line);
				line = '';
				used = 0;
			}
			line += segment;
			used += cells;
		}
	}
	if (line || lines.length === 0) lines.push(line);
	return lines;
}

/** Pieces of about `size` code units, each ending just before an ASCII printable character. */
function* graphemeSafeChunks(text: string, size: number): Generator<string> {
	let start = 0;
	while (start < text.length) {
		let end = Math.min(text.length, start + size);
		while (end < text.length && !(text.charCodeAt(end) >= 0x20 && text.charCodeAt(end) <= 0x7e)) end++;
		yield text.slice(start, end);
		start = end;
	}
}

const STATE_NAMES: Record<string, string> = {
	R: 'running',
	S: 'sleeping',
	D: 'disk wait',
	Z: 'zombie',
	T: 'stopped',
	t: 'traced',
	I: 'idle',
	X: 'dead',
	W: 'paging',
	P: 'parked',
};

export function stateName(state: string): string {
	return STATE_NAMES[state] ?? 'unknown';
}

/** Local date and time, "2026-11-24 15:01:02". */
export function formatDateTime(ms: number): string {
	const date = new Date(ms);
	if (!Number.isFinite(date.getTime())) return '?';
	const two = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/**
 * A controlling terminal as ps and htop name it (`pts/3`, `tty1`, `ttyS0`), from stat's tty_nr
 * (major in bits 8–15, minor in bits 0–7 and 20–31); `?` for none.
 */
export function formatTty(ttyNr: number): string {
	if (ttyNr === 0) return '?';
	const major = (ttyNr >> 8) & 0xfff;
	const minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
	if (major >= 136 && major <= 143) return `pts/${(major - 136) * 256 + minor}`;
	if (major === 4) return minor < 64 ? `tty${minor}` : `ttyS${minor - 64}`;
	return `${major}:${minor}`;
}

/** Bytes per second for a cell: `0`, `512`, `1.20M`; `-` unreadable (null), blank before two readings. */
export function formatRate(bytesPerSecond: number | null | undefined): string {
	if (bytesPerSecond === undefined) return '';
	if (bytesPerSecond === null) return '-';
	if (bytesPerSecond < 1024) return String(Math.round(bytesPerSecond));
	return formatBytes(bytesPerSecond);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** When a process started, as htop's START: `16:04` the same day as `atMs`, else `Nov 28`. */
export function formatStart(startMs: number, atMs: number): string {
	const start = new Date(startMs);
	if (!Number.isFinite(start.getTime()) || startMs <= 0) return '?';
	if (start.toDateString() === new Date(atMs).toDateString()) return formatClock(startMs).slice(0, 5);
	return `${MONTHS[start.getMonth()]} ${String(start.getDate()).padStart(2, '0')}`;
}

/** How long it has run, as ps's ELAPSED: `05:32`, `3:05:32`, `12-03:05:32` (days first). */
export function formatElapsed(seconds: number): string {
	const total = Math.max(0, Math.floor(seconds));
	const two = (n: number) => String(n).padStart(2, '0');
	const days = Math.floor(total / 86_400);
	const hours = Math.floor((total % 86_400) / 3600);
	const clock = `${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
	if (days > 0) return `${days}-${two(hours)}:${clock}`;
	return hours > 0 ? `${hours}:${clock}` : clock;
}

/** A wall-clock time of day, HH:MM:SS. */
export function formatClock(ms: number): string {
	return formatDateTime(ms).slice(11);
}

/** A lifetime as people say it: "3.2 s" under a minute, else "01:02:03" (days first when any). */
export function formatLifetime(ms: number): string {
	return ms < 60_000 ? `${(Math.max(0, ms) / 1000).toFixed(1)} s` : formatUptime(ms / 1000);
}

/**
 * A process's ports for its cell: `:3000`, `:5353/udp`, IPv4 and IPv6 of one port once, lowest
 * first, as many as fit in `cells` with `+N` for the rest.
 */
export function formatPorts(listeners: readonly Listener[], cells: number): string {
	if (listeners.length === 0) return '';
	const labels = [...new Set(listeners.map(listener => (listener.protocol === 'tcp' ? `:${listener.port}` : `:${listener.port}/udp`)))];
	const all = labels.join(',');
	if (all.length <= cells) return all;
	for (let shown = labels.length - 1; shown >= 1; shown--) {
		const text = `${labels.slice(0, shown).join(',')} +${labels.length - shown}`;
		if (text.length <= cells) return text;
	}
	return `${labels[0]} +${labels.length - 1}`;
}
