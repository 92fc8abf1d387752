// Measures what each header-meter call costs per tick: systeminformation vs reading /proc directly.
// Run: node bench/system-calls.js
const t0 = performance.now();
const si = (await import('systeminformation')).default;
console.log('import ms', (performance.now() - t0).toFixed(1));
async function m(name, fn) {
	await fn();
	const c0 = process.cpuUsage();
	const t = performance.now();
	const N = 50;
	for (let i = 0; i < N; i++) await fn();
	const c = process.cpuUsage(c0);
	console.log(name, 'wall ms', ((performance.now() - t) / N).toFixed(3), 'cpu ms', ((c.user + c.system) / 1000 / N).toFixed(3));
}
await m('si.mem', () => si.mem());
await m('si.currentLoad', () => si.currentLoad());
await m('si.time', () => si.time());
await m('si.fullLoad', () => si.fullLoad());

import fs from 'node:fs';
import os from 'node:os';

await m('read meminfo', () => fs.readFileSync('/proc/meminfo', 'latin1'));
await m('read /proc/stat', () => fs.readFileSync('/proc/stat', 'latin1'));
await m('os.loadavg+uptime+hostname', () => [os.loadavg(), os.uptime(), os.hostname()]);
const t1 = performance.now();
await si.osInfo();
console.log('si.osInfo once ms', (performance.now() - t1).toFixed(1));
