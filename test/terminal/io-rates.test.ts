// The I/O rate columns (IO_R/s, IO_W/s) on a process that writes to storage steadily, checked
// against sysstat's pidstat -d over the same few seconds, and shown in the UI with the reason
// when a process's I/O cannot be read.
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {cleanUpAfterAll} from '../helpers/cleanup.js';
import {spawnInPty, spawnProctop} from '../helpers/pty.js';
import {CLI, runCli} from '../helpers/run-cli.js';

const {screens} = cleanUpAfterAll();
const hasPidstat = spawnSync('sh', ['-c', 'command -v pidstat']).status === 0;
const children: ChildProcess[] = [];
afterAll(() => {
	for (const child of children) child.kill('SIGKILL');
});

/** A process that rewrites 256 KiB and flushes it to disk every 50 ms: ~5 MiB/s of storage writes. */
function steadyWriter(): ChildProcess {
	const file = join(mkdtempSync(join(tmpdir(), 'proctop-io-')), 'written');
	const script = `const fs = require('fs'); const fd = fs.openSync(${JSON.stringify(file)}, 'w'); const chunk = Buffer.alloc(262144, 1);
		setInterval(() => { fs.writeSync(fd, chunk, 0, chunk.length, 0); fs.fdatasyncSync(fd); }, 50);`;
	const child = spawn(process.execPath, ['-e', script], {stdio: 'ignore'});
	children.push(child);
	return child;
}

/** `4.98M` → bytes (formatBytes's units are powers of 1024; no unit: bytes). */
function bytesOf(cell: string): number {
	const match = /^([\d.]+)([KMGT]?)$/.exec(cell.trim());
	if (!match) throw new Error(`not a rate: ${JSON.stringify(cell)}`);
	return Number(match[1]) * 1024 ** ' KMGT'.indexOf(match[2] || ' ');
}

describe.runIf(process.platform === 'linux')('I/O rate columns', () => {
	test.runIf(hasPidstat)('IO_W/s agrees with pidstat -d within 5 % on a process writing steadily', async () => {
		const writer = steadyWriter();
		await new Promise(resolve => setTimeout(resolve, 1500));
		const pidstat = new Promise<string>(resolve => {
			const child = spawn('pidstat', ['-d', '-p', String(writer.pid), '4', '1'], {env: {...process.env, LC_ALL: 'C'}});
			let out = '';
			child.stdout.on('data', chunk => (out += chunk));
			child.on('close', () => resolve(out));
		});
		const ours = await runCli(['--once', '--interval', '4', '--pid', String(writer.pid), '--columns', 'pid,io_read_rate,io_write_rate,command']);
		expect(ours.code).toBe(0);
		const [title, row] = ours.stdout.trimEnd().split('\n');
		expect(title).toMatch(/^\s+PID\s+IO_R\/s\s+IO_W\/s COMMAND$/);
		const cells = row!.trim().split(/\s+/);
		const ourRate = bytesOf(cells[2]!);
		const lines = (await pidstat).split('\n');
		const header = lines
			.find(line => line.includes('kB_wr/s'))!
			.trim()
			.split(/\s+/);
		const average = lines
			.find(line => line.startsWith('Average:') && line.includes(` ${writer.pid} `))!
			.trim()
			.split(/\s+/);
		const theirRate = Number(average[header.indexOf('kB_wr/s')]) * 1024;
		// A real disk counts the writes (tmpfs would not: then there is nothing to compare).
		expect(theirRate).toBeGreaterThan(1 << 20);
		expect(Math.abs(ourRate - theirRate) / theirRate).toBeLessThan(0.05);
	});

	test('in the UI: shown with --columns, sorted by, and in the details', async () => {
		const writer = steadyWriter();
		const screen = spawnProctop(
			['--columns', 'pid,user,io_write_rate,command', '--sort', 'io_write_rate', '--interval', '0.5', '--pid', `1,${process.pid},${writer.pid}`],
			{
				columns: 120,
				rows: 30,
			},
		);
		screens.push(screen);
		// The writer rises to the top of IO_W/s▼ with a rate in MiB/s.
		const text = await screen.waitFor(text =>
			new RegExp(`^\\s+${writer.pid} \\S+\\s+[\\d.]+M `, 'm').test(text.split('\n').find(line => /^\s+\d+ /.test(line)) ?? ''),
		);
		expect(text).toMatch(/IO_W\/s▼/);
		screen.write('g'); // the top row: the writer
		screen.write('\r');
		await screen.waitFor(text => /Storage I\/O\s+read \S+\/s\s+write [\d.]+M\/s/.test(text));
		screen.write('q'); // details → list
		screen.write('q');
		await screen.exited;
	});

	test.runIf(process.getuid?.() === 0 && existsSync('/usr/bin/setpriv'))(
		"another user's process: IO_R/s shows - (never 0) and the details say why",
		async () => {
			const writer = steadyWriter();
			const screen = spawnInPty(
				'/usr/bin/setpriv',
				[
					'--reuid=65534',
					'--regid=65534',
					'--clear-groups',
					process.execPath,
					CLI,
					'--columns',
					'pid,user,io_read_rate,io_write_rate,command',
					'--pid',
					String(writer.pid),
				],
				{columns: 120, rows: 30, env: {HOME: tmpdir()}},
			);
			screens.push(screen);
			const text = await screen.waitFor(text => new RegExp(`^\\s+${writer.pid} root\\s+-\\s+- `, 'm').test(text));
			expect(text).toMatch(/IO_R\/s\s+IO_W\/s/);
			screen.write('\r');
			await screen.waitFor(text => /Storage I\/O\s+- \(permission denied: \/proc\/<pid>\/io needs the process's own user/.test(text));
			screen.write('q');
			screen.write('q');
			await screen.exited;
		},
	);
});
