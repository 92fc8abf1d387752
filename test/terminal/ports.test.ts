// What a process is and what it listens on, against real processes: a node server inside a
// package, Python's http.server, a multiprocessing pool (spawn), an npm script, and
// `--kill :PORT` on listeners that end, ignore SIGTERM, are absent or belong to root.
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {CLI, runCli} from '../helpers/run-cli.js';

const linux = process.platform === 'linux';
const python = spawnSync('python3', ['-c', 'print(1)'], {encoding: 'utf8'}).stdout.trim() === '1';
const started: ChildProcess[] = [];
afterEach(() => {
	// Each child leads its own process group (detached), so its children (npm's shell and node,
	// a pool's workers) go with it.
	for (const child of started.splice(0)) {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			child.kill('SIGKILL');
		}
	}
});

type Json = {processes: Array<{pid: number; ppid: number; app: string; ports: Array<{protocol: string; address: string; port: number}>; command: string}>};

/** A node server in its own package directory; resolves once it listens, with its port. */
async function nodeServer(options: {ignoreTerm?: boolean; name?: string} = {}): Promise<{child: ChildProcess; port: number; dir: string}> {
	const dir = mkdtempSync(join(tmpdir(), 'proctop-port-'));
	writeFileSync(join(dir, 'package.json'), JSON.stringify({name: options.name ?? 'port-demo', scripts: {serve: 'node server.js'}}));
	writeFileSync(
		join(dir, 'server.js'),
		`${options.ignoreTerm ? "process.on('SIGTERM', () => {});\n" : ''}const s = require('node:net').createServer(); s.listen(Number(process.env.PORT || 0), '127.0.0.1', () => process.stdout.write(s.address().port + '\\n'));\n`,
	);
	const child = spawn(process.execPath, ['server.js'], {
		cwd: dir,
		detached: true,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	started.push(child);
	const port = await new Promise<number>((resolve, reject) => {
		child.stdout!.once('data', data => resolve(Number(String(data).trim())));
		child.once('exit', code => reject(new Error(`server exited ${code}`)));
	});
	return {child, port, dir};
}

const json = async (args: string[]) => JSON.parse((await runCli(['--json', '--interval', '0.2', ...args])).stdout) as Json;

describe.runIf(linux)('APP and PORTS for real processes', () => {
	test('a node server in a package: `pkg › server.js`, its port; `proctop :PORT --json` lists just it', async () => {
		const {child, port} = await nodeServer();
		const document = await json([`:${port}`]);
		expect(document.processes).toHaveLength(1);
		expect(document.processes[0]).toMatchObject({pid: child.pid, app: 'port-demo › server.js', ports: [{protocol: 'tcp', address: '127.0.0.1', port}]});
		const once = await runCli(['--once', '--interval', '0.2', `:${port}`]);
		expect(once.code).toBe(0);
		expect(once.stdout).toMatch(new RegExp(`^\\s*${child.pid} .* :${port}\\s+port-demo › server\\.js\\s+\\S*node server\\.js$`, 'm'));
	});

	test('an npm script reads `pkg › npm run serve`, its node child `pkg › server.js`', async () => {
		const {dir} = await nodeServer({name: 'npm-demo'});
		const npm = spawn('npm', ['run', 'serve'], {cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'ignore'], env: {...process.env, PORT: '0'}});
		started.push(npm);
		await new Promise(resolve => npm.stdout!.on('data', data => /^\d+$/m.test(String(data)) && resolve(undefined)));
		const document = await json([]);
		const script = document.processes.find(process => process.pid === npm.pid);
		expect(script?.app).toBe('npm-demo › npm run serve');
		const descendants = (pid: number): number[] => document.processes.filter(p => p.ppid === pid).flatMap(p => [p.pid, ...descendants(p.pid)]);
		const server = document.processes.find(process => descendants(npm.pid!).includes(process.pid) && process.ports.length > 0);
		expect(server?.app).toBe('npm-demo › server.js');
	});

	test.runIf(python)("Python's http.server is `http.server`, on its port", async () => {
		const child = spawn('python3', ['-m', 'http.server', '0', '--bind', '127.0.0.1'], {
			stdio: ['ignore', 'pipe', 'ignore'],
			env: {...process.env, PYTHONUNBUFFERED: '1'},
		});
		started.push(child);
		const port = await new Promise<number>(resolve => child.stdout!.on('data', data => resolve(Number(/port (\d+)/.exec(String(data))?.[1]))));
		const document = await json([`:${port}`]);
		expect(document.processes.map(process => process.app)).toEqual(['http.server']);
	});

	test.runIf(python)('a multiprocessing pool (spawn): its workers read "worker of pool.py"', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'proctop-pool-'));
		writeFileSync(
			join(dir, 'pool.py'),
			[
				'import multiprocessing as mp, time',
				'def work(_):',
				'    time.sleep(60)',
				"if __name__ == '__main__':",
				"    mp.set_start_method('spawn')",
				'    with mp.Pool(2) as pool:',
				"        print('ready', flush=True)",
				'        pool.map(work, range(2))',
			].join('\n'),
		);
		const child = spawn('python3', ['pool.py'], {cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'ignore']});
		started.push(child);
		await new Promise(resolve => child.stdout!.once('data', resolve));
		let workers: string[] = [];
		for (let attempt = 0; attempt < 20 && workers.length < 2; attempt++) {
			const document = await json([]);
			expect(document.processes.find(process => process.pid === child.pid)?.app).toBe('pool.py');
			workers = document.processes
				.filter(process => process.ppid === child.pid && process.command.includes('--multiprocessing-fork'))
				.map(process => process.app);
		}
		expect(workers).toEqual(['worker of pool.py', 'worker of pool.py']);
	});
});

describe.runIf(linux)('proctop --kill :PORT', () => {
	test('a listener: SIGTERM, it ends, the port is free (exit 0)', async () => {
		const {child, port} = await nodeServer();
		const exited = new Promise(resolve => child.once('exit', (_, signal) => resolve(signal)));
		const result = await runCli(['--kill', `:${port}`]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(new RegExp(`^${child.pid} node \\(port-demo › server\\.js\\) on :${port}: ended after SIGTERM \\(\\d+\\.\\d s\\)$`, 'm'));
		expect(result.stdout).toContain(`:${port} is free`);
		expect(await exited).toBe('SIGTERM');
	});

	test('a listener started by `npm run`: the note names npm, which may start it again; only the listener is signalled', async () => {
		const {dir, child: first} = await nodeServer({name: 'npm-kill'});
		first.kill('SIGKILL');
		const npm = spawn('npm', ['run', 'serve'], {cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'ignore'], env: {...process.env, PORT: '0'}});
		started.push(npm);
		const port = await new Promise<number>(resolve =>
			npm.stdout!.on('data', data => /^\d+$/m.test(String(data)) && resolve(Number(/^(\d+)$/m.exec(String(data))![1]))),
		);
		const result = await runCli(['--kill', `:${port}`]);
		expect(result.stdout).toMatch(
			new RegExp(
				`^note: \\d+ was started by ${npm.pid} npm run serve \\(npm-kill › npm run serve\\), which may start it again; stop that one to stop it for good$`,
				'm',
			),
		);
		expect(result.stdout).toMatch(/node \(npm-kill › server\.js\) on :\d+: ended after SIGTERM/);
		expect(result.code).toBe(0);
	});

	test('a listener that ignores SIGTERM: reported, still running, exit 1; --force ends it with SIGKILL', async () => {
		const {child, port} = await nodeServer({ignoreTerm: true});
		const first = await runCli(['--kill', `:${port}`, '--timeout', '0.5']);
		expect(first.code).toBe(1);
		expect(first.stdout).toMatch(/still running \d\.\d s after SIGTERM; add --force to send SIGKILL/);
		expect(first.stderr).toBe(`proctop: :${port} is still in use\n`);
		expect(child.exitCode).toBeNull();
		const exited = new Promise(resolve => child.once('exit', (_, signal) => resolve(signal)));
		const forced = await runCli(['--kill', `:${port}`, '--timeout', '0.5', '--force']);
		expect(forced.code).toBe(0);
		expect(forced.stdout).toMatch(/ended after SIGKILL/);
		expect(await exited).toBe('SIGKILL');
	});

	test('a free port: "nothing is listening", exit 1; a bad port: exit 2 with one line', async () => {
		const {port, child} = await nodeServer();
		child.kill('SIGKILL');
		await new Promise(resolve => child.once('exit', resolve));
		const free = await runCli(['--kill', `:${port}`]);
		expect(free).toMatchObject({code: 1, stdout: '', stderr: `proctop: nothing is listening on :${port}\n`});
		const bad = await runCli(['--kill', ':http']);
		expect(bad).toMatchObject({code: 2, stdout: ''});
		expect(bad.stderr).toBe('proctop: ":http" is not a port: --kill expects ports like :3000, from 1 to 65535\n');
		expect((await runCli(['--kill', ':70000'])).code).toBe(2);
	});

	test.runIf(process.getuid?.() === 0 && existsSync('/usr/bin/setpriv'))(
		"as an ordinary user against root's listener: nothing is sent, and it says why",
		async () => {
			const {child, port} = await nodeServer();
			const result = spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, '--kill', `:${port}`], {
				encoding: 'utf8',
				env: {...process.env, HOME: '/tmp'},
			});
			expect(result.status).toBe(1);
			expect(result.stderr).toBe(`proctop: not permitted: :${port} is held by a process you cannot see (another user's; run with sudo); nothing was sent\n`);
			expect(child.exitCode).toBeNull();
			expect(child.signalCode).toBeNull();
		},
	);
});
