// The built bundle, run as a user would from a pipe or a script.
import {spawn, spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {runCli} from '../helpers/run-cli.js';

const ESC = '\u001b';

describe('proctop CLI (built bundle)', () => {
	test('--once through a pipe prints a plain table sorted by CPU with no escape codes', async () => {
		const busy = spawn(process.execPath, ['-e', 'for(;;){}'], {stdio: 'ignore'});
		try {
			const result = await runCli(['--once', '--interval', '0.5']);
			expect(result.code).toBe(0);
			expect(result.stdout).not.toContain(ESC);
			const lines = result.stdout.trimEnd().split('\n');
			expect(lines[0]).toMatch(/PID USER\s+S\s+CPU%\s+MEM%\s+RES\s+THR\s+NI\s+TIME\+ (PORTS\s+)?APP\s+COMMAND/);
			// The busy child is measured over the interval, so it tops the CPU sort.
			expect(lines[1]).toMatch(new RegExp(`^\\s*${busy.pid} `));
			const cpu = lines.slice(1).map(line => Number(line.trim().split(/\s+/)[3]));
			expect(cpu.every((value, index) => index === 0 || value <= cpu[index - 1]! || Number.isNaN(value))).toBe(true);
		} finally {
			busy.kill('SIGKILL');
		}
	});

	test('without a TTY on stdout the default is the --once table', async () => {
		const result = await runCli(['--interval', '0.1']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^\s+PID USER/);
		expect(result.stdout).not.toContain(ESC);
	});

	test('--json is one parseable document with the documented fields', async () => {
		const result = await runCli(['--json', '--interval', '0.2']);
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout);
		expect(document.cpuKind).toBe('delta');
		expect(new Date(document.takenAt).toISOString()).toBe(document.takenAt);
		expect(document.system.memory.totalBytes).toBeGreaterThan(0);
		const me = document.processes.find((p: {ppid: number; pid: number}) => p.ppid === process.pid);
		expect(me).toMatchObject({name: expect.any(String), command: 'proctop', state: expect.stringMatching(/^[A-Z]$/), isKernelThread: false});
		expect(typeof me.cpuPercent).toBe('number');
		expect(new Date(me.startTime).getTime()).toBeGreaterThan(Date.now() - 60_000);
		for (const key of [
			'pid',
			'ppid',
			'name',
			'command',
			'user',
			'uid',
			'state',
			'cpuPercent',
			'memoryPercent',
			'residentBytes',
			'virtualBytes',
			'threads',
			'nice',
			'startTime',
			'cpuSeconds',
			'isKernelThread',
		]) {
			expect(me).toHaveProperty(key);
		}
	});

	test('--json --watch --count 2 prints two NDJSON lines', async () => {
		const result = await runCli(['--json', '--watch', '--count', '2', '--interval', '0.1']);
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines).toHaveLength(2);
		for (const line of lines) expect(JSON.parse(line).processes.length).toBeGreaterThan(0);
	});

	test.each([
		[['--interval', '0'], /--interval "0" is not valid: expected a number of seconds from 0.1 to 3600/],
		[['--interval', 'abc'], /--interval "abc" is not valid/],
		// 1e9 s once overflowed Node's timer into a 1 ms spin (#12): one rule, 0.1 s to 1 hour.
		[['--interval', '1e9'], /--interval "1e9" is not valid: the refresh interval must be from 0.1 to 3600 seconds/],
		[['--interval', '0.05'], /the refresh interval must be from 0.1 to 3600 seconds/],
		[['-d', '0'], /--delay "0" is not valid/],
		[['-d', '36001'], /--delay "36001" is not valid: the refresh interval must be/],
		[
			['--sort', 'bogus'],
			/--sort "bogus" is not valid: expected one of cpu, memory, time, pid, name, app, user, state, threads, nice, priority, virtual, resident, ports, service, ppid, pgrp, session, tty, start/,
		],
		[['--columns', 'pid,bogus'], /--columns "pid,bogus" is not valid: no column "bogus"; expected some of pid, ppid, .*elapsed/],
		[['--columns', ','], /--columns "," is not valid: no columns named/],
		[['--columns', 'pid,cpu,PID'], /--columns "pid,cpu,PID" is not valid: pid is named twice/],
		[['--columns', 'pid', '--json'], /--columns chooses the columns of the table/],
		[['--threads', '--kill', ':3000'], /--threads reads this machine's threads live \(the UI, --once, --json\); --kill, --replay and --connect show none/],
		[['--theme', 'solarized'], /--theme "solarized" is not valid: expected one of dark, light, mono/],
		[['--bogus'], /unknown flag --bogus/],
		[['--json', '--watch', '--count', '1.5'], /--count "1.5" is not valid/],
		[['--user', 'nosuchuser'], /no such user: "nosuchuser"/],
		[['--user', ''], /--user "" is not valid/],
		[['--user', 'root', '--user', 'daemon'], /--user is given 2 times/],
		[['--tree', '--json'], /--tree has no effect on --json/],
		[['--watch'], /--watch goes with --json/],
		[['--once', '--watch'], /--watch goes with --json/],
		[['--json', '--count', '2'], /--count goes with --json --watch or --record/],
		[['--once', '--json'], /--once and --json are two different outputs/],
		[['--pick', '--once'], /--pick is interactive/],
		[['--history', '10'], /--history "10" is not valid: expected how long to remember, 1s to 24h, like 10m, 90s or 2h \(0 turns it off\)/],
		[['--history', '25h'], /--history "25h" is not valid/],
		[['--history', 'forever'], /--history "forever" is not valid/],
		[['--record', 'a.ptrec', '--replay', 'b.ptrec'], /--record and --replay cannot be combined/],
		[['--replay', 'a.ptrec', '--serve', '9300'], /--replay shows a recording; it cannot be combined with --serve/],
		[['--record', 'a.ptrec', '--once'], /--record keeps recording; it cannot be combined with --once/],
		[['--at', '+5s'], /--at goes with --replay FILE --json/],
		[['--replay', 'a.ptrec', '--json'], /--replay --json needs --at TIME \(one moment\) or --watch/],
		[['--replay', 'a.ptrec', '--json', '--watch', '--at', '+1s'], /--at prints one moment and --watch all of them/],
	])('%j exits 2 with one line saying what is wrong', async (args, message) => {
		const result = await runCli(args);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(message);
		expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(result.stdout).toBe('');
	});

	test('--help, -h, --version and -V alone come from the small bundle, byte for byte what the program prints', async () => {
		const bin = join(import.meta.dirname, '..', '..', 'dist', 'proctop.cjs');
		for (const flag of ['--help', '-h', '--version', '-V']) {
			const quick = spawnSync(process.execPath, [bin, flag], {encoding: 'utf8'});
			// With another flag beside it, the whole program (meow) answers.
			const full = await runCli([flag]);
			expect(quick.status).toBe(0);
			expect(quick.stdout).toBe(full.stdout);
			expect(quick.stdout.length).toBeGreaterThan(4);
		}
	});

	test('--version and --help', async () => {
		const version = await runCli(['--version']);
		expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		const help = await runCli(['--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('--interval <seconds>');
		// Every sort key is listed, read from the one sort table.
		const {SORT_KEYS} = await import('../../source/model/sort.js');
		const listed = help.stdout.replace(/\s+/g, ' ');
		for (const key of SORT_KEYS) expect(listed).toMatch(new RegExp(`[ ,]${key.id}[ ,)]`));
		// htop's short forms.
		expect((await runCli(['-h'])).stdout).toBe(help.stdout);
		expect((await runCli(['-V'])).stdout).toBe(version.stdout);
	});

	test('--columns prints those columns in that order; the title row and each process follow it', async () => {
		const result = await runCli(['--once', '--interval', '0.1', '--pid', String(process.pid), '--columns', 'ppid,PID,tty,elapsed,start,mem%,command']);
		expect(result.code).toBe(0);
		const [title, row] = result.stdout.trimEnd().split('\n');
		expect(title).toMatch(/^\s+PPID\s+PID TTY\s+ELAPSED\s+START\s+MEM% COMMAND$/);
		expect(row).toMatch(new RegExp(`^\\s+${process.ppid}\\s+${process.pid} \\S+\\s+[\\d:-]+\\s+(\\d\\d:\\d\\d|\\w{3} \\d\\d)\\s+[\\d.]+ .*node`));
	});

	test('--columns with FDS, VCTX, NVCTX, SWAP and OOM reads them for the table: a process holding 40 files shows them', async () => {
		const holder = spawn(process.execPath, ['-e', "for (let i = 0; i < 40; i++) require('fs').openSync('/dev/null', 'r'); setInterval(() => {}, 1000)"], {
			stdio: 'ignore',
		});
		try {
			await new Promise(resolve => setTimeout(resolve, 300));
			const result = await runCli([
				'--once',
				'--interval',
				'0.1',
				'--pid',
				String(holder.pid),
				'--columns',
				'pid,open_fds,voluntary_switches,involuntary_switches,swap,oom_score,command',
			]);
			const [title, row] = result.stdout.trimEnd().split('\n');
			expect(title).toMatch(/^\s+PID\s+FDS\s+VCTX\s+NVCTX\s+SWAP\s+OOM COMMAND$/);
			const [, fds, voluntary, involuntary, swap, oom] = row!.trim().split(/\s+/);
			expect(Number(oom)).toBeGreaterThanOrEqual(0);
			expect(Number(oom)).toBeLessThanOrEqual(1000);
			expect(Number(fds)).toBeGreaterThanOrEqual(43);
			expect(Number(voluntary)).toBeGreaterThan(0);
			expect(Number(involuntary)).toBeGreaterThanOrEqual(0);
			expect(swap).toMatch(/^\d/);
		} finally {
			holder.kill();
		}
	});

	test("--columns processor,shared: the CPU ps reports (psr) for a sleeping process, and statm's shared pages", async () => {
		const {readFileSync} = await import('node:fs');
		// A sleeping process stays on the CPU it last ran on until it wakes.
		const sleeper = spawn('sleep', ['30']);
		try {
			await new Promise(resolve => setTimeout(resolve, 200));
			const result = await runCli(['--once', '--interval', '0.1', '--pid', String(sleeper.pid), '--columns', 'pid,processor,shared']);
			const [title, row] = result.stdout.trimEnd().split('\n');
			expect(title).toMatch(/^\s+PID CPU\s+SHR$/);
			const [, cpu, shared] = row!.trim().split(/\s+/);
			expect(Number(cpu)).toBe(Number(spawnSync('ps', ['-o', 'psr=', '-p', String(sleeper.pid)], {encoding: 'utf8'}).stdout.trim()));
			const pages = Number(readFileSync(`/proc/${sleeper.pid}/statm`, 'utf8').split(' ')[2]);
			const {formatBytes} = await import('../../source/model/format.js');
			expect(shared).toBe(formatBytes(pages * 4096));
		} finally {
			sleeper.kill();
		}
	});

	test('--columns cgroup shows the cgroup path the kernel reports for the process', async () => {
		const {cgroupPath} = await import('../../source/identify/service.js');
		const {readFileSync} = await import('node:fs');
		const result = await runCli(['--once', '--interval', '0.1', '--pid', String(process.pid), '--columns', 'pid,cgroup']);
		const [title, row] = result.stdout.trimEnd().split('\n');
		expect(title).toMatch(/^\s+PID CGROUP$/);
		expect(row!.trim().split(/\s+/)).toEqual([String(process.pid), cgroupPath(readFileSync(`/proc/${process.pid}/cgroup`, 'utf8'))]);
	});

	test("htop's short flags: -u, -p (repeatable), -t, -s", async () => {
		const result = await runCli(['--once', '--interval', '0.1', '-u', 'root', '-p', '1', '-p', String(process.pid), '-s', 'pid', '-t']);
		expect(result.code).toBe(0);
		const rows = result.stdout.trimEnd().split('\n').slice(1);
		// Only root's processes remain; in tree order pid 1 comes first.
		const pids = rows.map(line => Number(line.trim().split(/\s+/)[0]));
		expect(pids[0]).toBe(1);
		for (const row of rows) expect(row).toMatch(/^\s*\d+ root /);
	});

	test('--once --tree prints the tree with its guides', async () => {
		const child = spawn('sleep', ['30'], {stdio: 'ignore'});
		try {
			const result = await runCli(['--once', '--tree', '--interval', '0.1', '--pid', `${process.pid},${child.pid}`]);
			const lines = result.stdout.trimEnd().split('\n');
			const parent = lines.findIndex(line => line.trim().startsWith(`${process.pid} `));
			expect(parent).toBeGreaterThan(0);
			expect(lines[parent + 1]).toMatch(new RegExp(`^\\s*${child.pid} .*└─ sleep 30$`));
		} finally {
			child.kill('SIGKILL');
		}
	});

	test('--user accepts a uid as digits', async () => {
		const result = await runCli(['--once', '--interval', '0.1', '--user', '0', '--pid', '1']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^\s*1 root /m);
	});

	test('--filter and --user narrow the batch output', async () => {
		const result = await runCli(['--once', '--interval', '0.1', '--filter', 'kthreadd']);
		const rows = result.stdout.trimEnd().split('\n').slice(1);
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) expect(row).toMatch(/kthreadd/);
		// --user: only that user's processes (this test runs as someone; daemon owns nothing here).
		const me = (await import('node:os')).userInfo().username;
		const mine = (await runCli(['--once', '--interval', '0.1', '--user', me])).stdout.trimEnd().split('\n').slice(1);
		expect(mine.length).toBeGreaterThan(0);
		for (const row of mine) expect(row.trim().split(/\s+/)[1]).toBe(me.slice(0, 9));
		const nobodys = await runCli(['--once', '--interval', '0.1', '--user', 'daemon']);
		expect(nobodys.stdout).not.toMatch(new RegExp(`^\\s*${process.pid} `, 'm'));
	});
});
