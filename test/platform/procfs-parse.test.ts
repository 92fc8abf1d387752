import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {
	latin1,
	newStatScan,
	PF_KTHREAD,
	parseMeminfo,
	parsePasswd,
	parseProcStat,
	parseStat,
	sameLatin1,
	scanStat,
} from '../../source/platform/linux/procfs-parse.js';
import {statLine} from '../helpers/proc-builder.js';

const line = (fields: Parameters<typeof statLine>[0]) => statLine(fields).toString('utf8');

describe('scanStat: one record reused line after line', () => {
	test('each line overwrites every field; where comm and starttime sit is told, not copied', () => {
		const scan = newStatScan();
		const a = statLine({pid: 7, comm: 'a) b', state: 'R', ppid: 3, utime: 10, stime: 4, starttime: 555, processor: 1, rss: 9});
		expect(scanStat(a, a.length, true, scan)).toBe(true);
		expect(scan).toMatchObject({pid: 7, state: 'R'.charCodeAt(0), ppid: 3, utime: 10, stime: 4, rss: 9, processor: 1});
		expect(latin1(a, scan.commStart, scan.commEnd)).toBe('a) b');
		expect(latin1(a, scan.startStart, scan.startEnd)).toBe('555');
		// The next line, without the processor asked for: nothing of the first is left behind.
		const b = statLine({pid: 1234, comm: 'zsh', state: 'S', ppid: 1, utime: 0, stime: 0, starttime: 42, rss: 0});
		expect(scanStat(b, b.length, false, scan)).toBe(true);
		expect(scan).toMatchObject({pid: 1234, state: 'S'.charCodeAt(0), ppid: 1, utime: 0, stime: 0, rss: 0, processor: -1});
		expect(latin1(b, scan.commStart, scan.commEnd)).toBe('zsh');
		expect(latin1(b, scan.startStart, scan.startEnd)).toBe('42');
		expect(scanStat(Buffer.from('12 (bash) S 1 2'), 15, false, scan)).toBe(false);
	});

	test('only bytes before `end` count: a shorter line read over a longer one in the same buffer', () => {
		const scan = newStatScan();
		const buffer = Buffer.alloc(512, 0x20);
		const long = statLine({pid: 7, comm: `${'x'.repeat(300)}) y (z`, utime: 123456789, starttime: 99, processor: 3});
		long.copy(buffer);
		const short = statLine({pid: 8, comm: 'sh', utime: 5, starttime: 42});
		short.copy(buffer);
		// What lies past the short line is the long one's tail: a ')' and more numbers.
		expect(buffer.subarray(short.length).includes(0x29)).toBe(true);
		expect(scanStat(buffer, short.length, true, scan)).toBe(true);
		expect(scan).toMatchObject({pid: 8, utime: 5});
		expect(latin1(buffer, scan.commStart, scan.commEnd)).toBe('sh');
		expect(latin1(buffer, scan.startStart, scan.startEnd)).toBe('42');
		// Cut inside the line: garbled, whatever follows in the buffer.
		expect(scanStat(buffer, short.indexOf(') ') + 10, false, scan)).toBe(false);
		expect(scanStat(buffer, 0, false, scan)).toBe(false);
	});

	test('sameLatin1 compares bytes with stored text exactly, length included', () => {
		const bytes = Buffer.from('x12345y');
		expect(sameLatin1(bytes, 1, 6, '12345')).toBe(true);
		expect(sameLatin1(bytes, 1, 6, '12346')).toBe(false);
		expect(sameLatin1(bytes, 1, 6, '1234')).toBe(false);
		expect(sameLatin1(bytes, 1, 1, '')).toBe(true);
		// A comm with bytes above 0x7f is stored as latin1 text: each byte one character.
		const utf8 = Buffer.from('é', 'utf8');
		expect(sameLatin1(utf8, 0, 2, latin1(utf8, 0, 2))).toBe(true);
		expect(sameLatin1(utf8, 0, 2, 'é')).toBe(false);
	});
});

describe('parseStat', () => {
	test.each([
		['plain', 'bash'],
		['parenthesised', '(sd-pam)'],
		['double parentheses', '((sd-pam))'],
		['space', 'a test'],
		['close paren then fields', 'evil) x'],
		['looks like fields', 'x) 1 2 3'],
		['script name', 'sleep (2) .sh'],
		['15 characters', 'abcdefghijklmno'],
		['escape bytes', 'a) b\u001b[31mX'],
		['kernel-looking', '[kworker/0:1]'],
	])('%s comm %j keeps every field right', (_label, comm) => {
		const parsed = parseStat(
			line({pid: 4242, comm, state: 'R', ppid: 77, utime: 123, stime: 45, starttime: 98765, threads: 3, nice: -5, rss: 250, vsize: 4096}),
		);
		expect(parsed).toMatchObject({
			pid: 4242,
			comm,
			state: 'R',
			ppid: 77,
			utime: 123,
			stime: 45,
			starttime: '98765',
			threads: 3,
			nice: -5,
			rss: 250,
			vsize: 4096,
		});
	});

	test('invalid UTF-8 in comm decodes without throwing and keeps the fields', () => {
		const parsed = parseStat(statLine({pid: 5, comm: Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xe2, 0x82]), ppid: 2, utime: 9}).toString('utf8'));
		expect(parsed?.ppid).toBe(2);
		expect(parsed?.utime).toBe(9);
		expect(parsed?.comm).toContain('\ufffd');
	});

	test('kernel thread flag is read as a number', () => {
		expect(parseStat(line({pid: 2, comm: 'kthreadd', flags: PF_KTHREAD | 0x40}))!.flags & PF_KTHREAD).toBe(PF_KTHREAD);
	});

	test('an absurd 64-bit starttime keeps its exact text for identity', () => {
		const parsed = parseStat(line({pid: 9, comm: 'x', starttime: '18446744073709551615', utime: '18446744073709551615'}));
		expect(parsed?.starttime).toBe('18446744073709551615');
		expect(Number.isFinite(parsed?.utime)).toBe(true);
	});

	test('the processor (field 39) only when asked for; a line that ends before it keeps the process', () => {
		const text = line({pid: 7, comm: 'a) 1 2', processor: 13, rss: 5});
		expect(parseStat(text)).not.toHaveProperty('processor');
		expect(parseStat(text, true)).toMatchObject({pid: 7, rss: 5, processor: 13});
		// A kernel before 2.2.8 ends at field 38; a line cut after rss, or with junk past it.
		const fields = text.trimEnd().split(' ');
		const old = parseStat(fields.slice(0, fields.length - 14).join(' '), true);
		expect(old).toMatchObject({pid: 7, rss: 5});
		expect(old).not.toHaveProperty('processor');
		expect(parseStat(`${fields.slice(0, 26).join(' ')} junk`, true)).toMatchObject({pid: 7, rss: 5});
	});

	test.each([
		['empty', ''],
		['no parentheses', '12 bash S 1 2 3'],
		['truncated after the name', '12 (bash) S 1 2'],
		['non-numeric ppid', line({pid: 12, comm: 'bash'}).replace(') S 1 ', ') S x ')],
		['exponent is not an integer', line({pid: 12, comm: 'bash', utime: '1e3'})],
		['two-letter state', line({pid: 12, comm: 'bash', state: 'RS'})],
		['pid 0', line({pid: 0, comm: 'swapper'})],
		['negative pid', `-3 (x) ${line({pid: 1, comm: 'x'}).split(') ')[1]}`],
		['garbage', '\u0000\u0000\u0000'],
	])('rejects a %s line', (_label, text) => {
		expect(parseStat(text)).toBeUndefined();
	});
});

describe('parseProcStat', () => {
	test('per-core busy and total, guest not double counted, btime read', () => {
		const text = 'cpu  10 1 5 100 4 1 1 2 7 0\ncpu0 6 1 3 50 2 1 1 1 7 0\ncpu1 4 0 2 50 2 0 0 1 0 0\nintr 1\nbtime 1700000000\n';
		const parsed = parseProcStat(text);
		expect(parsed.total).toEqual({busy: 20, total: 124});
		expect(parsed.cores).toEqual([
			{busy: 13, total: 65},
			{busy: 7, total: 59},
		]);
		expect(parsed.bootTimeSeconds).toBe(1_700_000_000);
	});
	test('no cpu lines gives no cores', () => {
		expect(parseProcStat('intr 0\n').cores).toEqual([]);
	});
});

describe('parseMeminfo', () => {
	test('kB lines become bytes', () => {
		const info = parseMeminfo('MemTotal:       16000 kB\nMemAvailable:    8000 kB\nHugePages_Total:       0\n');
		expect(info.get('MemTotal')).toBe(16000 * 1024);
		expect(info.get('MemAvailable')).toBe(8000 * 1024);
		expect(info.get('HugePages_Total')).toBe(0);
	});
	test('the same numbers as a line-by-line reading of the real /proc/meminfo, and only the keys asked for', () => {
		const text = readFileSync('/proc/meminfo', 'latin1');
		const expected = new Map<string, number>();
		for (const line of text.split('\n')) {
			const match = /^([^:]+):\s+(\d+)(?:\s+kB)?$/.exec(line);
			if (match) expected.set(match[1]!, Number(match[2]) * (line.endsWith('kB') ? 1024 : 1));
		}
		expect(expected.size).toBeGreaterThan(10);
		expect(parseMeminfo(text)).toEqual(expected);
		expect([...parseMeminfo(text, new Set(['MemTotal', 'SwapFree'])).keys()]).toEqual(['MemTotal', 'SwapFree']);
	});
	test('malformed lines are skipped; a value needs a blank before it', () => {
		const info = parseMeminfo('NoValue:\nJoined:12 kB\n: 5 kB\nTabbed:\t7\nText:   abc kB\nLast:  3 kB');
		expect([...info]).toEqual([
			['Tabbed', 7],
			['Last', 3 * 1024],
		]);
	});
});

describe('parsePasswd', () => {
	test('uid to name, skipping junk, first entry wins', () => {
		const users = parsePasswd('root:x:0:0::/root:/bin/sh\n# comment\nbroken\nalice:x:1000:1000::/home/alice:/bin/sh\ntwin:x:1000:1000::/:/bin/sh\n');
		expect(users.get(0)).toBe('root');
		expect(users.get(1000)).toBe('alice');
		expect(users.size).toBe(2);
	});
});
