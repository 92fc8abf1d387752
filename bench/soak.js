// Soak: proctop with 10,000 extra processes and constant churn (short-lived processes started
// and reaped all the time) for a minute (or `node bench/soak.js <seconds>`). Prints an RSS and
// CPU curve and how fast a key is answered meanwhile; fails loudly if proctop dies.
// Run: npm run soak
import {execFileSync, spawn} from 'node:child_process';
import {countProcesses, startSleepers} from './lib/load.js';
import {startInPty} from './lib/pty-screen.js';
import {cpuPercentOver, residentMiB} from './lib/proc-usage.js';

const seconds = Number(process.argv[2] ?? 60);
const extra = Number(process.argv[3] ?? 10_000);
execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});

const load = await startSleepers(extra);
// Churn: batches of short-lived processes, forever, until stopped.
const churn = spawn('sh', ['-c', 'while true; do i=0; while [ $i -lt 40 ]; do sleep 0.$((i % 9 + 1)) & i=$((i+1)); done; wait; done'], {detached: true, stdio: 'ignore'});
const screen = startInPty(process.execPath, ['dist/proctop.cjs'], {columns: 120, rows: 40, env: {XDG_CONFIG_HOME: '/tmp/proctop-bench-config'}});
const pid = screen.child.pid;

let exited = false;
screen.exited.then(() => (exited = true));

/** ms from pressing I (invert sort) until the sort mark flips on screen. */
async function keyLatency() {
	const before = (await screen.text()).includes('CPU%▼') ? '▲' : '▼';
	const start = performance.now();
	screen.write('I');
	for (;;) {
		const text = await screen.text();
		if (text.includes(`CPU%${before}`)) return performance.now() - start;
		if (performance.now() - start > 10_000) return Number.POSITIVE_INFINITY;
		await new Promise(resolve => setImmediate(resolve));
	}
}

console.log(`soak: +${extra} sleeping processes and constant churn for ${seconds} s, 1 s refresh`);
console.log('| t (s) | processes | RSS MB | CPU % (last 5 s) | key → frame ms |');
console.log('|---|---|---|---|---|');
const started = performance.now();
let failed = false;
while ((performance.now() - started) / 1000 < seconds) {
	const cpu = await cpuPercentOver(pid, 5000);
	if (exited) {
		failed = true;
		console.log('proctop exited during the soak');
		break;
	}
	const latency = await keyLatency();
	console.log(`| ${((performance.now() - started) / 1000).toFixed(0)} | ${countProcesses()} | ${residentMiB(pid).toFixed(0)} | ${cpu.toFixed(1)} | ${latency.toFixed(0)} |`);
}
screen.write('q');
const code = await Promise.race([screen.exited.then(result => result.exitCode), new Promise(resolve => setTimeout(() => resolve('no exit'), 5000))]);
console.log(`quit with q: exit status ${code}`);
try {
	process.kill(-churn.pid, 'SIGKILL');
} catch {}
await load.stop();
if (failed || code !== 0) process.exitCode = 1;
