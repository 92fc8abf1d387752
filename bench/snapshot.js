// Benchmark: the CPU cost of one full process-table snapshot, proctop's /proc sampler side by side
// with spawning `ps -eo …`, ps-list and systeminformation's si.processes(), at the current process
// count and with +1,000 and +5,000 extra sleeping processes. CPU includes reaped children (ps).
// Run: npm run bench  (or node bench/snapshot.js [iterations])
import {execFile} from 'node:child_process';
import {availableParallelism, cpus} from 'node:os';
import {promisify} from 'node:util';
import {countProcesses, cpuMsWithChildren, startSleepers} from './lib/load.js';
import {loadSource} from './lib/load-source.js';

const run = promisify(execFile);
const iterations = Number(process.argv[2] ?? 20);
const {createSampler} = await loadSource('source/sampling/sampler.ts');
const {createProcfsSource} = await loadSource('source/platform/linux/procfs.ts');
const psList = (await import('ps-list')).default;
const si = (await import('systeminformation')).default;

async function measure(fn, rounds, gapMs, warmUps) {
	// Warm-up: first-sight caches (cmdline, uid) filled and, for proctop, every stat file kept open
	// (their number doubles a tick from 32: ten ticks reach 8,192), like a running monitor's.
	for (let index = 0; index < warmUps; index++) await fn();
	let cpu = 0;
	let wall = 0;
	for (let index = 0; index < rounds; index++) {
		// si.processes() returns its previous result when called again within ~0.5 s: space calls out.
		if (gapMs) await new Promise(resolve => setTimeout(resolve, gapMs));
		const cpuBefore = await cpuMsWithChildren();
		const wallBefore = performance.now();
		await fn();
		wall += performance.now() - wallBefore;
		cpu += (await cpuMsWithChildren()) - cpuBefore;
	}
	return {cpu: cpu / rounds, wall: wall / rounds};
}

const methods = [
	[
		'proctop sampler (/proc)',
		() => {
			const sampler = createSampler({source: createProcfsSource(), cores: availableParallelism()});
			return () => sampler.sample();
		},
		1,
		0,
		10,
	],
	['ps -eo … (spawned)', () => () => run('ps', ['-eo', 'pid,ppid,uid,stat,pcpu,pmem,rss,vsz,nlwp,ni,etimes,time,comm,args'], {maxBuffer: 1 << 28}), 1, 0, 1],
	['ps-list', () => () => psList(), 1, 0, 1],
	['si.processes()', () => () => si.processes(), 0.25, 600, 1],
];

const rows = [];
for (const extra of [0, 1000, 5000]) {
	const load = await startSleepers(extra);
	const total = countProcesses();
	const results = {};
	for (const [name, make, share, gapMs, warmUps] of methods) {
		// si.processes() is slow (and gets crashy near 6k processes): fewer rounds.
		results[name] = await measure(make(), Math.max(2, Math.round(iterations * share)), gapMs, warmUps);
	}
	rows.push({extra, total, results});
	await load.stop();
}

console.log(
	`snapshot cost: CPU ms (wall ms) per snapshot, ${iterations} rounds; ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, Node ${process.version}`,
);
const names = methods.map(([name]) => name);
console.log(`| processes | ${names.join(' | ')} | proctop ÷ ps |`);
console.log(`|---|${names.map(() => '---|').join('')}---|`);
for (const {total, results} of rows) {
	const cells = names.map(name => `${results[name].cpu.toFixed(1)} (${results[name].wall.toFixed(1)})`);
	const ratio = results[names[0]].cpu / results[names[1]].cpu;
	console.log(`| ${total} | ${cells.join(' | ')} | ${ratio.toFixed(2)} |`);
}
