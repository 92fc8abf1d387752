// `proctop --serve` as a user and Prometheus meet it: headless on loopback, a token, the bind
// refusal, garbage and slow clients, 200 parallel scrapes, and a real Prometheus scraping it.
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, symlinkSync, writeFileSync} from 'node:fs';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {spawnProctop} from '../helpers/pty.js';
import {CLI, runCli} from '../helpers/run-cli.js';

const linux = process.platform === 'linux';
const prometheus = spawnSync('prometheus', ['--version']).status === 0;
const EXPORTER = '/usr/bin/prometheus-process-exporter';
const started: ChildProcess[] = [];
const screens: Array<ReturnType<typeof spawnProctop>> = [];
afterEach(() => {
	for (const child of started.splice(0)) child.kill('SIGKILL');
	for (const screen of screens.splice(0)) screen.kill('SIGKILL');
});

let nextPort = 19_300 + (process.pid % 200) * 3;
const freePort = () => nextPort++;

/** proctop --serve without a terminal; resolves once it says where it serves. */
async function serve(args: string[]): Promise<{child: ChildProcess; url: string; exited: Promise<number | null>}> {
	const child = spawn(process.execPath, [CLI, '--serve', ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	started.push(child);
	const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
	const url = await new Promise<string>((resolve, reject) => {
		child.stdout!.once('data', data => resolve(/serving (\S+)/.exec(String(data))?.[1] ?? ''));
		child.stderr!.once('data', data => reject(new Error(String(data))));
	});
	return {child, url, exited};
}

describe.runIf(linux)('proctop --serve', () => {
	test('headless on loopback: one line saying where, process-exporter series at /metrics, SIGTERM stops it (0)', async () => {
		const port = freePort();
		const {child, url, exited} = await serve([String(port)]);
		expect(url).toBe(`http://127.0.0.1:${port}/metrics`);
		const response = await fetch(url);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
		const text = await response.text();
		expect(text).toMatch(/^namedprocess_namegroup_num_procs\{groupname="[^"]+"\} \d+$/m);
		expect(text).toMatch(/^namedprocess_namegroup_cpu_seconds_total\{groupname="[^"]+",mode="user"\} [\d.]+$/m);
		expect(text).toContain('# TYPE namedprocess_namegroup_cpu_seconds_total counter');
		expect((await fetch(url, {method: 'POST'})).status).toBe(405); // read-only
		const open = await fetch(url, {headers: {Accept: 'application/openmetrics-text;version=1.0.0,text/plain;q=0.5'}});
		expect(open.headers.get('content-type')).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
		expect((await open.text()).endsWith('# EOF\n')).toBe(true);
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	});

	test('beyond loopback: refused without a token (exit 2, one line); with a token file, 401 without it and 200 with it', async () => {
		const refused = await runCli(['--serve', `0.0.0.0:${freePort()}`]);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toMatch(/^proctop: --serve 0\.0\.0\.0:\d+ would show your processes to the network: add --serve-token-file FILE/);
		const missing = await runCli(['--serve', `0.0.0.0:${freePort()}`, '--serve-token-file', '/nonexistent/token']);
		expect(missing).toMatchObject({code: 2, stderr: 'proctop: cannot read --serve-token-file "/nonexistent/token": ENOENT\n'});
		const dir = mkdtempSync(join(tmpdir(), 'proctop-token-'));
		writeFileSync(join(dir, 'token'), 's3cret-token-0123456789\n');
		const port = freePort();
		const {url} = await serve([`0.0.0.0:${port}`, '--serve-token-file', join(dir, 'token')]);
		const local = url.replace('0.0.0.0', '127.0.0.1');
		expect((await fetch(local)).status).toBe(401);
		expect((await fetch(local, {headers: {Authorization: 'Bearer wrong-token-0123456789'}})).status).toBe(401);
		expect((await fetch(local, {headers: {Authorization: 'Bearer s3cret-token-0123456789'}})).status).toBe(200);
	});

	test('garbage, a client that never finishes its request, and 200 parallel scrapes: every honest scrape is answered', async () => {
		const port = freePort();
		const {url} = await serve([String(port)]);
		const garbage = await new Promise<string>(resolve => {
			const socket = connect(port, '127.0.0.1', () => socket.write('\u0000\u0001GARBAGE \r\n\r\n'));
			let reply = '';
			socket.on('data', data => (reply += data));
			socket.on('close', () => resolve(reply));
		});
		expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
		const slow = connect(port, '127.0.0.1', () => slow.write('GET /metrics HTTP/1.1\r\nHost: x\r\n')); // never ends its headers
		const replies = await Promise.all(Array.from({length: 200}, () => fetch(url).then(response => response.status)));
		expect(replies.every(status => status === 200)).toBe(true);
		slow.destroy();
	});

	test('flags that make no sense with --serve exit 2 with one line', async () => {
		expect((await runCli(['--serve', '--once'])).stderr).toBe(
			'proctop: --serve keeps running (beside the UI, or alone); it cannot be combined with --once, --json, --pick or --kill\n',
		);
		expect((await runCli(['--serve-top', '5'])).stderr).toBe(
			'proctop: --serve-token-file, --serve-insecure, --serve-top and --serve-groupname go with --serve\n',
		);
		expect((await runCli(['--serve', '9300', '--serve-groupname', 'exe'])).code).toBe(2);
	});

	test.runIf(prometheus)("a real Prometheus scrapes it: a busy process's CPU rate matches /proc within 10 %", async () => {
		const dir = mkdtempSync(join(tmpdir(), 'proctop-prometheus-'));
		writeFileSync(join(dir, 'package.json'), JSON.stringify({name: 'busy-pkg'}));
		writeFileSync(join(dir, 'busy.js'), 'for (;;) {}\n');
		const busy = spawn(process.execPath, ['busy.js'], {cwd: dir, stdio: 'ignore'});
		started.push(busy);
		const port = freePort();
		await serve([String(port), '--interval', '0.5']);
		const promPort = freePort();
		writeFileSync(
			join(dir, 'prometheus.yml'),
			`global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: proctop\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`,
		);
		const server = spawn(
			'prometheus',
			[`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`],
			{stdio: 'ignore'},
		);
		started.push(server);
		const ticks = () => {
			const stat = spawnSync('cat', [`/proc/${busy.pid}/stat`], {encoding: 'utf8'}).stdout;
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			return (Number(fields[11]) + Number(fields[12])) / 100;
		};
		const query = async (promql: string) => {
			const response = await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(promql)}`).catch(() => undefined);
			const body = (await response?.json().catch(() => undefined)) as {data?: {result?: Array<{value: [number, string]}>}} | undefined;
			return body?.data?.result?.[0] ? Number(body.data.result[0].value[1]) : undefined;
		};
		const series = 'namedprocess_namegroup_cpu_seconds_total{groupname="busy-pkg › busy.js"}';
		for (let attempt = 0; attempt < 60 && (await query(`count_over_time(${series.replace('}', ',mode="user"}')}[30s])`)) === undefined; attempt++)
			await new Promise(resolve => setTimeout(resolve, 500));
		await new Promise(resolve => setTimeout(resolve, 6000));
		const before = ticks();
		await new Promise(resolve => setTimeout(resolve, 6000));
		const procRate = (ticks() - before) / 6;
		const promRate = await query(`sum(rate(${series}[6s]))`);
		expect(promRate).toBeDefined();
		expect(Math.abs(promRate! - procRate) / procRate).toBeLessThan(0.1);
	});
});

describe.runIf(linux && prometheus && existsSync(EXPORTER))('beside process-exporter', () => {
	test('with --serve-groupname comm, the same PromQL gives the same CPU rate, fds, fd ratio, storage bytes and swap from both for one group', {
		timeout: 90_000,
	}, async () => {
		const dir = mkdtempSync(join(tmpdir(), 'proctop-parity-'));
		// Distinct comms: node under other names.
		symlinkSync(process.execPath, join(dir, 'parityloop'));
		symlinkSync(process.execPath, join(dir, 'fdholder'));
		const busy = spawn(join(dir, 'parityloop'), ['-e', 'for (;;) {}'], {stdio: 'ignore'});
		started.push(busy);
		// 40 more open files; once both exporters run, 2 MiB written to storage (fsync'd), then idle.
		const holder = spawn(
			join(dir, 'fdholder'),
			[
				'-e',
				`const fs = require('fs'); const kept = []; for (let i = 0; i < 40; i++) kept.push(fs.openSync('/dev/null', 'r'));
				process.stdin.once('data', () => { const fd = fs.openSync(${JSON.stringify(join(dir, 'written'))}, 'w');
				fs.writeSync(fd, Buffer.alloc(2 << 20, 1)); fs.fsyncSync(fd); fs.closeSync(fd); process.stdout.write('written'); });`,
			],
			{stdio: ['pipe', 'pipe', 'ignore']},
		);
		started.push(holder);
		const port = freePort();
		await serve([String(port), '--serve-groupname', 'comm', '--interval', '0.2']);
		const exporterPort = freePort();
		writeFileSync(join(dir, 'all.yml'), "process_names:\n  - name: '{{.Comm}}'\n    cmdline:\n    - '.+'\n");
		const exporter = spawn(EXPORTER, ['-config.path', join(dir, 'all.yml'), '-web.listen-address', `127.0.0.1:${exporterPort}`], {stdio: 'ignore'});
		started.push(exporter);
		const promPort = freePort();
		writeFileSync(
			join(dir, 'prometheus.yml'),
			`global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: proctop\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n  - job_name: exporter\n    static_configs:\n      - targets: ['127.0.0.1:${exporterPort}']\n`,
		);
		const server = spawn(
			'prometheus',
			[`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`],
			{stdio: 'ignore'},
		);
		started.push(server);
		const query = async (promql: string) => {
			const response = await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(promql)}`).catch(() => undefined);
			const body = (await response?.json().catch(() => undefined)) as {data?: {result?: Array<{value: [number, string]}>}} | undefined;
			return body?.data?.result?.[0] ? Number(body.data.result[0].value[1]) : undefined;
		};
		const rate = (job: string) => query(`sum(rate(namedprocess_namegroup_cpu_seconds_total{groupname="parityloop",job="${job}"}[8s]))`);
		for (let attempt = 0; attempt < 60 && ((await rate('proctop')) === undefined || (await rate('exporter')) === undefined); attempt++)
			await new Promise(resolve => setTimeout(resolve, 500));
		holder.stdin!.write('go\n');
		await new Promise(resolve => holder.stdout!.once('data', resolve));
		await new Promise(resolve => setTimeout(resolve, 9000));
		const [ours, theirs] = [await rate('proctop'), await rate('exporter')];
		expect(ours).toBeDefined();
		expect(theirs).toBeDefined();
		expect(Math.abs(ours! - theirs!) / theirs!).toBeLessThan(0.1);
		expect(await query('namedprocess_namegroup_num_procs{groupname="parityloop",job="proctop"}')).toBe(1);
		expect(await query('namedprocess_namegroup_num_procs{groupname="parityloop",job="exporter"}')).toBe(1);
		for (const series of [
			'open_filedesc',
			'worst_fd_ratio',
			'write_bytes_total',
			'read_bytes_total',
			'memory_bytes{memtype="swapped"}',
			'context_switches_total{ctxswitchtype="voluntary"}',
		]) {
			const selector = (job: string) =>
				`namedprocess_namegroup_${series.includes('{') ? series.replace('{', `{groupname="fdholder",job="${job}",`) : `${series}{groupname="fdholder",job="${job}"}`}`;
			// proctop re-reads a process's status, io and fds at once when it used CPU since (a tick of
			// it: a bare write + fsync may take less), else on its rotation, at the latest after 60 ticks
			// (12 s at --interval 0.2); process-exporter reads all of it on every scrape. So the two agree
			// within one rotation.
			let [ourValue, theirValue] = [await query(selector('proctop')), await query(selector('exporter'))];
			for (let wait = 0; wait < 40 && ourValue !== theirValue; wait++) {
				await new Promise(resolve => setTimeout(resolve, 500));
				[ourValue, theirValue] = [await query(selector('proctop')), await query(selector('exporter'))];
			}
			expect({series, ourValue}).toEqual({series, ourValue: theirValue});
		}
		expect(await query('namedprocess_namegroup_open_filedesc{groupname="fdholder",job="proctop"}')).toBeGreaterThan(40);
		expect(await query('namedprocess_namegroup_write_bytes_total{groupname="fdholder",job="proctop"}')).toBeGreaterThanOrEqual(2 << 20);
	});
});

describe.runIf(linux)('proctop --connect', () => {
	test('--json and --once through another proctop --serve; a token when it wants one', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'proctop-token-'));
		writeFileSync(join(dir, 'token'), 'another-token-0123456789\n');
		const port = freePort();
		const {child} = await serve([String(port), '--serve-token-file', join(dir, 'token'), '--interval', '0.3']);
		const refused = await runCli(['--connect', `127.0.0.1:${port}`, '--json']);
		expect(refused).toMatchObject({code: 1, stderr: `proctop: 127.0.0.1:${port} wants a token: --token-file FILE\n`});
		const result = await runCli(['--connect', `http://127.0.0.1:${port}/metrics`, '--token-file', join(dir, 'token'), '--json', '--interval', '0.3']);
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout) as {processes: Array<{pid: number; ports: Array<{port: number}>}>};
		expect(document.processes.find(process => process.pid === child.pid)?.ports.map(listener => listener.port)).toEqual([port]);
		const once = await runCli(['--connect', `127.0.0.1:${port}`, '--token-file', join(dir, 'token'), '--once', '--interval', '0.3', `:${port}`]);
		expect(once.stdout).toMatch(new RegExp(`^\\s*${child.pid} .*:${port}`, 'm'));
		expect((await runCli(['--connect', `127.0.0.1:${freePort()}`])).stderr).toMatch(/: is proctop --serve running there\?\n$/);
	});

	test('the UI shows the other machine read-only, says when it goes away, and picks up again when it is back', async () => {
		const port = freePort();
		const first = await serve([String(port), '--interval', '0.3']);
		const screen = spawnProctop(['--connect', `127.0.0.1:${port}`, '--interval', '0.3'], {columns: 140, rows: 30});
		screens.push(screen);
		await screen.waitFor(text => text.includes('PID USER') && text.includes(`${first.child.pid} `));
		screen.write('k');
		await screen.waitFor(text => text.includes('read-only: signals and renice are disabled'));
		first.child.kill('SIGTERM');
		await first.exited;
		await screen.waitFor(text => text.includes(`cannot reach 127.0.0.1:${port} (ECONNREFUSED); trying again`));
		const second = await serve([String(port), '--interval', '0.3']);
		await screen.waitFor(text => text.includes(`${second.child.pid} `) && text.includes(`:${port}`));
		screen.write('q');
		expect((await screen.exited).exitCode).toBe(0);
	});
});
