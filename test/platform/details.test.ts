// Process details: parsers on known text, the reader on the real /proc with a listening child.
import {spawn} from 'node:child_process';
import {describe, expect, test} from 'vitest';
import {isAvailable, readDetails} from '../../source/platform/linux/details.js';
import {parseNetSockets, parseStatus} from '../../source/platform/linux/procfs-parse.js';
import {writeProcTree} from '../helpers/proc-builder.js';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:A2B4 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 4243 1 0000000000000000 20 4 30 10 -1
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5555 1 0000000000000000 100 0 0 10 0
`;
const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  1: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 777 2 0000000000000000 0
`;

describe('parsers', () => {
	test('listening TCP/TCP6/UDP sockets with decoded addresses; connected ones skipped', () => {
		expect(parseNetSockets(TCP, 'tcp')).toEqual([{protocol: 'tcp', address: '127.0.0.1', port: 8080, inode: '4242'}]);
		expect(parseNetSockets(TCP6, 'tcp6')).toEqual([{protocol: 'tcp6', address: '::', port: 80, inode: '5555'}]);
		expect(parseNetSockets(UDP, 'udp')).toEqual([{protocol: 'udp', address: '0.0.0.0', port: 53, inode: '777'}]);
		expect(parseNetSockets('header only\n', 'tcp')).toEqual([]);
	});
	test('status fields', () => {
		const status = parseStatus('Name:\tnode\nUid:\t1000\t1000\t1000\t1000\nVmSwap:\t   12 kB\n');
		expect(status.get('VmSwap')).toBe('12 kB');
		expect(status.get('Uid')).toBe('1000\t1000\t1000\t1000');
	});
});

describe('readDetails', () => {
	test('a vanished pid gives "n/a (exited)" everywhere, never an exception', () => {
		const proc = writeProcTree([]);
		const details = readDetails(424242, proc.root);
		proc.cleanup();
		expect(details.command).toEqual({unavailable: 'n/a (exited)'});
		expect(details.listening).toEqual({unavailable: 'n/a (exited)'});
	});

	test.runIf(process.platform === 'linux')('the real /proc: executable, cwd, open files and the listening port of a child', async () => {
		const child = spawn(
			process.execPath,
			[
				'-e',
				"require('net').createServer().listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); })",
				'details-test',
			],
			{stdio: ['ignore', 'pipe', 'ignore']},
		);
		const port = await new Promise<number>(resolve => child.stdout!.once('data', chunk => resolve(Number(String(chunk).trim()))));
		const details = readDetails(child.pid!);
		child.kill('SIGKILL');
		expect(details.executable).toBe(process.execPath);
		expect(details.workingDirectory).toBe(process.cwd());
		expect(isAvailable(details.openFiles) && details.openFiles).toBeGreaterThan(3);
		expect(details.command).toContain('details-test');
		expect(details.listening).toEqual([expect.objectContaining({protocol: 'tcp', address: '127.0.0.1', port})]);
	});
});

describe.runIf(process.platform === 'linux')('environment and open files of a real process', () => {
	test('its variables (escapes made visible), its files by kind, its listening socket named; a gone pid says so', async () => {
		const {readEnvironment, readOpenFiles} = await import('../../source/platform/linux/process-lists.js');
		const script = `const fs = require('fs'); fs.openSync(process.execPath, 'r');
			require('net').createServer().listen(0, '127.0.0.1', () => process.stdout.write('ready'));`;
		const child = spawn(process.execPath, ['-e', script], {
			stdio: ['ignore', 'pipe', 'ignore'],
			env: {PROCTOP_MARKER: 'on\u001b[2Jduty', PATH: process.env.PATH},
		});
		try {
			await new Promise(resolve => child.stdout!.once('data', resolve));
			const environment = readEnvironment(child.pid!);
			expect(isAvailable(environment) && environment).toContain('PROCTOP_MARKER=on\\e[2Jduty');
			const files = readOpenFiles(child.pid!);
			if (!isAvailable(files)) throw new Error(files.unavailable);
			expect(files.map(file => file.fd)).toEqual([...files.map(file => file.fd)].sort((a, b) => a - b));
			expect(files).toContainEqual(expect.objectContaining({kind: 'file', target: process.execPath}));
			expect(files.some(file => file.kind === 'socket' && /^socket:\[\d+\] tcp 127\.0\.0\.1:\d+ \(listening\)$/.test(file.target))).toBe(true);
			expect(files.some(file => file.kind === 'pipe')).toBe(true);
		} finally {
			child.kill();
		}
		expect(readEnvironment(2 ** 22 + 7)).toEqual({unavailable: 'n/a (exited)'});
		expect(readOpenFiles(2 ** 22 + 7)).toEqual({unavailable: 'n/a (exited)'});
	});
});
