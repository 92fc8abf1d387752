// The CLI where users meet it: pipes, scripts, no terminal, remembered settings, --pick,
// the clipboard, an old Node, and the packed tarball installed into an empty directory.
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {spawnInPty, spawnProctop} from '../helpers/pty.js';
import {CLI, runCli} from '../helpers/run-cli.js';

const LAUNCHER = join(import.meta.dirname, '..', '..', 'dist', 'proctop.cjs');
const temporary = () => mkdtempSync(join(tmpdir(), 'proctop-cli-'));

describe('no terminal', () => {
	test('stdin not a TTY but stdout is: one line, exit 1, no stack trace', async () => {
		const screen = spawnInPty('sh', ['-c', `echo | "${process.execPath}" "${CLI}"; echo "status=$?"; sleep 0.5`], {columns: 150, rows: 10});
		const text = await screen.waitFor(text => text.includes('status='));
		expect(text).toContain('proctop: the interactive view needs a terminal on stdin; use --once or --json for output you can pipe');
		expect(text).toContain('status=1');
		expect(text).not.toMatch(/at \w+ \(|setRawMode/);
	});

	test('a closed pipe (--json --watch | head) exits quietly with status 0', () => {
		const result = spawnSync(
			'bash',
			['-c', `"${process.execPath}" "${CLI}" --json --watch --interval 0.1 | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`],
			{encoding: 'utf8', timeout: 20_000},
		);
		expect(result.stdout.trim()).toBe('0');
		expect(result.stderr).toBe('');
	});

	test('NO_COLOR and FORCE_COLOR never put escape codes into --once output', async () => {
		for (const env of [{NO_COLOR: '1'}, {FORCE_COLOR: '3'}]) {
			const result = await runCli(['--once', '--interval', '0.1'], {env});
			expect(result.stdout).not.toContain('\u001b');
		}
	});

	test('--pid limits the batch output to those pids; a bad list exits 2', async () => {
		const result = await runCli(['--once', '--interval', '0.1', '--pid', `1,${process.pid}`]);
		const pids = result.stdout
			.trim()
			.split('\n')
			.slice(1)
			.map(line => Number(line.trim().split(/\s+/)[0]));
		expect(pids.sort((a, b) => a - b)).toEqual([1, process.pid].sort((a, b) => a - b));
		const bad = await runCli(['--pid', '1,x']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/--pid "1,x" is not valid/);
	});
});

describe.runIf(process.platform === 'linux')('interactive extras', () => {
	test('setup screen: columns hidden with S are remembered, drawn from the first frame on; --columns still wins', async () => {
		const config = temporary();
		const env = {XDG_CONFIG_HOME: config};
		const first = spawnProctop([], {env, columns: 120, rows: 40});
		await first.waitFor(text => text.includes('CPU%▼') && text.includes('USER'));
		first.write('S');
		await first.waitFor(text => text.includes('Setup: columns'));
		first.write('\u001b[B'); // USER
		first.write(' ');
		await first.waitFor(text => /\[ \] USER/.test(text));
		first.write('\u001b');
		const without = await first.waitFor(text => !text.includes('Setup: columns') && text.includes('CPU%▼'));
		expect(without).not.toMatch(/PID USER/);
		first.write('q');
		expect((await first.exited).exitCode).toBe(0);
		const remembered = JSON.parse(readFileSync(join(config, 'proctop', 'config.json'), 'utf8')).columns;
		expect(remembered[0]).toBe('pid');
		expect(remembered).not.toContain('user');
		const second = spawnProctop([], {env, columns: 120, rows: 40});
		const again = await second.waitFor(text => text.includes('CPU%▼'));
		const title = (text: string) => text.split(/\r?\n/).find(line => line.includes('COMMAND')) ?? '';
		expect(title(again)).toMatch(/^\s+PID\s/);
		expect(title(again)).not.toContain('USER');
		// The frame painted before Ink already had the remembered columns.
		const painted = second
			.raw()
			.split('\u001b[?2026h')[0]!
			.replace(/\u001b\[[\d;?]*[a-zA-Z]/g, '');
		expect(title(painted)).toMatch(/^\s+PID\s/);
		expect(title(painted)).not.toContain('USER');
		second.write('q');
		await second.exited;
		const flagged = spawnProctop(['--columns', 'pid,user,command'], {env, columns: 120, rows: 40});
		await flagged.waitFor(text => /PID USER\s+COMMAND/.test(text));
		flagged.write('q');
		await flagged.exited;
		rmSync(config, {recursive: true, force: true});
	});

	test('"mouse": true in the settings file turns reporting on, kept when the UI saves; --no-mouse wins for a run', async () => {
		const config = temporary();
		const env = {XDG_CONFIG_HOME: config};
		const {mkdirSync} = await import('node:fs');
		mkdirSync(join(config, 'proctop'), {recursive: true});
		writeFileSync(join(config, 'proctop', 'config.json'), '{"mouse": true}');
		const on = spawnProctop([], {env, columns: 120, rows: 30});
		await on.waitFor(text => text.includes('CPU%▼') && on.raw().includes('\u001b[?1000h\u001b[?1006h'));
		on.write('M'); // a change the UI saves
		await on.waitFor(text => text.includes('MEM%▼'));
		on.write('q');
		await on.exited;
		expect(JSON.parse(readFileSync(join(config, 'proctop', 'config.json'), 'utf8'))).toMatchObject({mouse: true, sort: 'memory'});
		const off = spawnProctop(['--no-mouse'], {env, columns: 120, rows: 30});
		await off.waitFor(text => text.includes('MEM%▼'));
		off.write('q');
		await off.exited;
		expect(off.raw()).not.toContain('\u001b[?1000h');
		rmSync(config, {recursive: true, force: true});
	});

	test('remembered settings: a sort changed in the UI is saved and used next time; a corrupt file is survived', async () => {
		const config = temporary();
		const env = {XDG_CONFIG_HOME: config};
		const first = spawnProctop([], {env, columns: 120, rows: 30});
		await first.waitFor(text => text.includes('CPU%▼'));
		first.write('M');
		await first.waitFor(text => text.includes('MEM%▼'));
		first.write('q');
		await first.exited;
		expect(JSON.parse(readFileSync(join(config, 'proctop', 'config.json'), 'utf8'))).toMatchObject({sort: 'memory', tree: false, intervalMs: 1000});
		const second = spawnProctop([], {env, columns: 120, rows: 30});
		await second.waitFor(text => text.includes('MEM%▼'));
		second.write('q');
		await second.exited;
		// A flag still wins over what was remembered.
		const flagged = spawnProctop(['--sort', 'pid'], {env, columns: 120, rows: 30});
		await flagged.waitFor(text => text.includes('PID▲'));
		flagged.write('q');
		await flagged.exited;

		writeFileSync(join(config, 'proctop', 'config.json'), '{"sort": "memory", oops');
		const corrupt = spawnProctop([], {env, columns: 160, rows: 30});
		const text = await corrupt.waitFor(screen => screen.includes('settings ignored'));
		expect(text).toContain('CPU%▼');
		corrupt.write('q');
		expect((await corrupt.exited).exitCode).toBe(0);
		const batch = await runCli(['--once', '--interval', '0.1'], {env});
		expect(batch.code).toBe(0);
		rmSync(config, {recursive: true, force: true});
	});

	test('--pick draws on the terminal and prints the chosen pids to the piped stdout', async () => {
		const directory = temporary();
		const output = join(directory, 'picked.txt');
		const screen = spawnInPty('sh', ['-c', `"${process.execPath}" "${CLI}" --pick --sort pid > "${output}"; echo "status=$?"; sleep 1`], {
			columns: 120,
			rows: 30,
		});
		await screen.waitFor(text => text.includes('Enter Pick'));
		screen.write(' ');
		await new Promise(resolve => setTimeout(resolve, 100));
		screen.write(' ');
		await new Promise(resolve => setTimeout(resolve, 100));
		screen.write('\r');
		await screen.waitFor(text => text.includes('status=0'));
		const pids = readFileSync(output, 'utf8').trim().split('\n').map(Number);
		expect(pids).toHaveLength(2);
		expect(pids[0]).toBe(1);
		expect(readFileSync(output, 'utf8')).not.toContain('\u001b');
		rmSync(directory, {recursive: true, force: true});
	});

	test('y copies the selected pid with OSC 52 and says so', async () => {
		const screen = spawnProctop(['--sort', 'pid'], {columns: 120, rows: 30});
		await screen.waitFor(text => text.includes('PID▲'));
		screen.write('y');
		await screen.waitFor(text => text.includes('copied pid 1 to the clipboard'));
		expect(screen.raw()).toContain(`\u001b]52;c;${Buffer.from('1').toString('base64')}\u0007`);
		screen.write('q');
		await screen.exited;
	});
});

describe('packaging', () => {
	test('an old Node gets one clear line from the launcher', () => {
		const directory = temporary();
		const preload = join(directory, 'old-node.cjs');
		writeFileSync(
			preload,
			"Object.defineProperty(process.versions, 'node', {value: '18.19.0'}); Object.defineProperty(process, 'version', {value: 'v18.19.0'});",
		);
		const result = spawnSync(process.execPath, ['-r', preload, LAUNCHER, '--version'], {encoding: 'utf8'});
		rmSync(directory, {recursive: true, force: true});
		expect(result.status).toBe(1);
		expect(result.stderr.trim()).toBe(
			'proctop needs Node.js 20 or newer; this is Node.js v18.19.0. Install a current Node (https://nodejs.org) or switch with a version manager such as nvm.',
		);
	});

	test('the launcher keeps V8’s code cache: the first run writes it, the next draws from it and leaves it be', async () => {
		const cacheHome = temporary();
		const directory = join(cacheHome, 'proctop');
		const session = async () => {
			const screen = spawnInPty(process.execPath, [LAUNCHER], {columns: 120, rows: 30, env: {XDG_CACHE_HOME: cacheHome}});
			await screen.waitFor(text => text.includes('Mem[') && text.includes('PID USER'));
			return screen;
		};
		const first = await session();
		// Written 2 s in, while the UI runs: it holds what the first frame and the UI compiled.
		await expect.poll(() => readdirSync(directory), {timeout: 10_000, interval: 100}).toHaveLength(1);
		first.write('q');
		expect((await first.exited).exitCode).toBe(0);
		const [name] = readdirSync(directory);
		expect(name).toMatch(/^code-v\d+\.\d+\.\d+-\w+-\d+-\d+\.bin$/);
		const file = join(directory, name!);
		const written = statSync(file);
		expect(written.mode & 0o777).toBe(0o600);
		// V8 accepted it: a rejected cache is written again, 2 s in or at exit.
		const second = await session();
		await new Promise(resolve => setTimeout(resolve, 2500));
		second.write('q');
		expect((await second.exited).exitCode).toBe(0);
		expect(readdirSync(directory)).toEqual([name]);
		expect(statSync(file).mtimeMs).toBe(written.mtimeMs);
		rmSync(cacheHome, {recursive: true, force: true});
	}, 30_000);

	test('npm pack, install the tarball into an empty directory offline: --version, --once and the UI work', async () => {
		const directory = temporary();
		const root = join(import.meta.dirname, '..', '..');
		const quiet = {cwd: root, encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe']};
		const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', directory], quiet).trim().split('\n').at(-1)!;
		const files = execFileSync('tar', ['tzf', join(directory, tarball)], {encoding: 'utf8'})
			.trim()
			.split('\n')
			.sort();
		expect(files).toEqual([
			'package/README.md',
			'package/dist/cli.cjs',
			'package/dist/code-cache.cjs',
			'package/dist/proctop.cjs',
			'package/dist/quick-answer.cjs',
			'package/dist/systeminformation.cjs',
			'package/dist/v8-flags.cjs',
			'package/npm-shrinkwrap.json',
			'package/package.json',
		]);
		const project = join(directory, 'project');
		mkdirSync(project);
		writeFileSync(join(project, 'package.json'), '{"name": "try-proctop", "version": "1.0.0", "private": true}');
		execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(directory, tarball)], {...quiet, cwd: project});
		const bin = join(project, 'node_modules', '.bin', 'proctop');
		expect(execFileSync(bin, ['--version'], {encoding: 'utf8'}).trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
		expect(execFileSync(bin, ['--help'], {encoding: 'utf8'})).toContain('--interval <seconds>');
		expect(execFileSync(bin, ['--once', '--interval', '0.1'], {encoding: 'utf8'})).toMatch(/^\s+PID USER/);
		const screen = spawnInPty(bin, [], {columns: 120, rows: 30});
		await screen.waitFor(text => text.includes('Mem[') && text.includes('PID USER'));
		screen.write('q');
		expect((await screen.exited).exitCode).toBe(0);
		rmSync(directory, {recursive: true, force: true});
	}, 120_000);
});
