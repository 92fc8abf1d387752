import {createSocket} from 'node:dgram';
import {createServer, type Server} from 'node:net';
import {describe, expect, test} from 'vitest';
import {parseNetSockets} from '../../source/platform/linux/procfs-parse.js';
import {readListeningSockets, socketInodesOf} from '../../source/platform/linux/sockets.js';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41233 1 0000000000000000 100 0 0 10 0
   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41234 1 0000000000000000 100 0 0 10 0
   2: 0100007F:0BB8 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000  1000        0 41299 1 0000000000000000 20 4 30 10 -1
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:0BB8 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51000 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000001000000:1538 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51001 1 0000000000000000 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51002 1 0000000000000000 100 0 0 10 0
`;
const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  100: 00000000:14E9 00000000:0000 07 00000000:00000000 00:00000000 00000000   108        0 6001 2 0000000000000000 0
  101: 0100007F:A1B2 0100007F:0035 01 00000000:00000000 00:00000000 00000000  1000        0 6002 2 0000000000000000 0
`;

describe('parseNetSockets', () => {
	test('TCP: only LISTEN rows, addresses in host order decoded', () => {
		expect(parseNetSockets(TCP, 'tcp')).toEqual([
			{protocol: 'tcp', address: '127.0.0.1', port: 3000, inode: '41233'},
			{protocol: 'tcp', address: '0.0.0.0', port: 8080, inode: '41234'},
		]);
	});
	test('TCP6: ::, ::1 and an IPv4-mapped address', () => {
		expect(parseNetSockets(TCP6, 'tcp6').map(socket => `${socket.address} ${socket.port}`)).toEqual([':: 3000', '::1 5432', '127.0.0.1 8081']);
	});
	test('UDP: bound, unconnected sockets only (a connected client socket is not a server)', () => {
		expect(parseNetSockets(UDP, 'udp')).toEqual([{protocol: 'udp', address: '0.0.0.0', port: 5353, inode: '6001'}]);
	});
	test('garbage lines are skipped', () => {
		expect(parseNetSockets('header\nnot a socket line\n\n', 'tcp')).toEqual([]);
	});
});

describe('against the real /proc', () => {
	test('a TCP server and a UDP socket of this process are found, with their holder', async () => {
		const server: Server = createServer();
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		const udp = createSocket('udp4');
		await new Promise<void>(resolve => udp.bind(0, '127.0.0.1', resolve));
		try {
			const tcpPort = (server.address() as {port: number}).port;
			const udpPort = udp.address().port;
			const listening = readListeningSockets('/proc');
			const mine = socketInodesOf(process.pid, '/proc');
			expect(Array.isArray(mine)).toBe(true);
			const held = (mine as string[]).flatMap(inode => {
				const listener = listening.get(inode);
				return listener ? [`${listener.protocol} ${listener.address}:${listener.port}`] : [];
			});
			expect(held).toContain(`tcp 127.0.0.1:${tcpPort}`);
			expect(held).toContain(`udp 127.0.0.1:${udpPort}`);
		} finally {
			server.close();
			udp.close();
		}
	});
	test('a pid that does not exist has no sockets', () => {
		expect(socketInodesOf(2 ** 22 + 1, '/proc')).toBeUndefined();
	});
});
