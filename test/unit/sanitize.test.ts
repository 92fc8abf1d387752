import {describe, expect, test} from 'vitest';
import {sanitize, sanitizeArgv, sanitizeBytes, sanitizeLines} from '../../source/sanitize.js';

// Nothing that reaches a terminal may contain C0/C1 controls, DEL, bidi or invisible format chars.
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200c\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

describe('sanitize', () => {
	test.each([
		['CSI colour', 'a\u001b[31mred', 'a\\e[31mred'],
		['clear screen', '\u001b[2J', '\\e[2J'],
		['cursor up', '\u001b[5A', '\\e[5A'],
		['OSC 52 clipboard', '\u001b]52;c;aGVsbG8=\u0007', '\\e]52;c;aGVsbG8=\\x07'],
		['OSC 0 title', '\u001b]0;pwned\u0007', '\\e]0;pwned\\x07'],
		['OSC 8 link', '\u001b]8;;http://x\u001b\\link', '\\e]8;;http://x\\e\\link'],
		['C1 CSI', 'x\u009b31m', 'x\\x9b31m'],
		['CR LF TAB', 'a\rb\nc\td', 'a\\rb\\nc\\td'],
		['BS BEL NUL DEL', '\b\u0007\u0000\u007f', '\\x08\\x07\\0\\x7f'],
		['bidi override', 'abc\u202Efdp.exe', 'abc\\u{202e}fdp.exe'],
		['isolate', '\u2066x\u2069', '\\u{2066}x\\u{2069}'],
		['zero-width space', 'a\u200Bb', 'a\\u{200b}b'],
		['BOM', '\uFEFFx', '\\u{feff}x'],
		['lone ZWJ', 'a\u200Db', 'a\\u{200d}b'],
	])('%s is escaped visibly', (_label, input, expected) => {
		const output = sanitize(input);
		expect(output).toBe(expected);
		expect(output).not.toMatch(UNSAFE_FOR_TERMINAL);
	});

	test.each([
		['plain', '/usr/bin/node server.js'],
		['CJK', '日本語のプロセス'],
		['ZWJ family emoji', '👨‍👩‍👧‍👦'],
		['flag', '🇫🇷'],
		['combining marks', 'é'],
	])('%s text is left alone', (_label, text) => {
		expect(sanitize(text)).toBe(text);
	});

	test('repeated calls give the same answer (no regex state leaks)', () => {
		for (let index = 0; index < 3; index++) expect(sanitize('\u001bx')).toBe('\\ex');
	});
});

describe('sanitizeBytes and sanitizeArgv', () => {
	test.each([
		['lone bytes', [0x61, 0xff, 0xfe], 'a\\xff\\xfe'],
		['overlong slash', [0xc0, 0xaf, 0x62], '\\xc0\\xafb'],
		['cut-off sequence at the end', [0x61, 0xe2, 0x82], 'a\\xe2\\x82'],
		['UTF-16 surrogate encoded', [0xed, 0xa0, 0x80], '\\xed\\xa0\\x80'],
		['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80], '\\xf4\\x90\\x80\\x80'],
		['valid text around a bad byte', [...Buffer.from('日本'), 0x80, ...Buffer.from('é')], '日本\\x80é'],
		['a real U+FFFD stays', [0xef, 0xbf, 0xbd], '\ufffd'],
	])('invalid UTF-8 shows its bytes visibly (%s), never U+FFFD', (_label, bytes, expected) => {
		expect(sanitizeBytes(Buffer.from(bytes))).toBe(expected);
	});

	test('a name made only of spaces is visible; spaces inside a name stay spaces', () => {
		expect(sanitize('   ')).toBe('\\x20\\x20\\x20');
		expect(sanitize('a b')).toBe('a b');
		expect(sanitizeArgv(Buffer.from('  \u0000'))).toBe('\\x20\\x20');
	});

	test('argv NULs become spaces and the trailing NUL goes', () => {
		expect(sanitizeArgv(Buffer.from('sleep\u0000100\u0000'))).toBe('sleep 100');
	});

	test('argv with controls stays on one line', () => {
		const text = sanitizeArgv(Buffer.from('evil\u0000\u001b]52;c;eA==\u0007\u0000line\nbreak\u0000'));
		expect(text).toBe('evil \\e]52;c;eA==\\x07 line\\nbreak');
	});

	test('a 300 KB command line is handled whole', () => {
		const argv = Buffer.from(Array.from({length: 30_000}, (_, index) => `arg${index}\u001b`).join('\u0000'));
		const text = sanitizeArgv(argv);
		expect(text).not.toMatch(UNSAFE_FOR_TERMINAL);
		expect(text.length).toBeGreaterThan(300_000);
	});
});

describe('sanitizeLines', () => {
	test('keeps the line breaks, escapes everything else per line (a hostile unit name in a cgroup)', () => {
		const cgroup = Buffer.from('0::/user.slice/app-\u001b]0;pwned\u0007.scope\n1:name=systemd:/\xff\n', 'latin1');
		expect(sanitizeLines(cgroup)).toBe('0::/user.slice/app-\\e]0;pwned\\x07.scope\n1:name=systemd:/\\xff\n');
	});
});
