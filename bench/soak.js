// Soak: proctop with 10,000 extra processes and constant churn (short-lived processes started
// and reaped all the time) for a minute (or `node bench/soak.js <seconds>`). Prints an RSS and
// CPU curve and how fast a key is answered meanwhile, then a summary (is memory flat: the first
// fifth of the run against the last fifth); fails loudly if proctop dies.
// `--all` turns every feature on: history (the default), --serve scraped every 5 s, --record to a
// temporary file, the CPU GRAPH column.
// Run: npm run soak, or node bench/soak.js [seconds] [processes] [--all]
import {execFileSync} from 'node:child_process';
import {mkdtempSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {countProcesses, startChurn, startSleepers} from './lib/load.js';
import {cpuPercentOver, residentMiB} from './lib/proc-usage.js';
import {startInPty} from './lib/pty-screen.js';

const numbers = process.argv.slice(2).filter(arg => /^\d+$/.test(arg));
const seconds = Number(numbers[0] ?? 60);
const extra = Number(numbers[1] ?? 10_000);
const all = process.argv.includes('--all');
const SERVE_PORT = 19_187;
const recording = join(mkdtempSync(join(tmpdir(), 'proctop-soak-')), 'soak.ptrec');
execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});

const load = await startSleepers(extra);
const churn = startChurn();
const features = all ? ['--serve', `127.0.0.1:${SERVE_PORT}`, '--record', recording] : [];
const screen = startInPty(process.execPath, ['dist/proctop.cjs', ...features], {columns: 120, rows: 40, env: {XDG_CONFIG_HOME: '/tmp/proctop-bench-config'}});
const pid = screen.child.pid;
let scrapes = 0;
let scrapeFailures = 0;
const scraper = all
	? setInterval(() => {
			fetch(`http://127.0.0.1:${SERVE_PORT}/metrics`)
				.then(response => response.text())
				.then(
					() => scrapes++,
					() => scrapeFailures++,
				);
		}, 5000)
	: undefined;
if (all) {
	await new Promise(resolve => setTimeout(resolve, 3000));
	screen.write('C');
}

let exited = false;
screen.exited.then(() => (exited = true));

/** ms from pressing I (invert sort) until the sort mark flips on screen. */
async function keyLatency() {
	const before = (await screen.text()).includes('CPU%▼') ? '▲' : '▼';
	const start = performance.now();
	screen.write('I');
	const shown = await screen.waitFor(text => text.includes(`CPU%${before}`));
	return shown ? performance.now() - start : Number.POSITIVE_INFINITY;
}

console.log(
	`soak: +${extra} sleeping processes and constant churn for ${seconds} s, 1 s refresh${all ? '; history, --serve (scraped every 5 s), --record and the CPU GRAPH column on' : ''}`,
);
console.log('| t (s) | processes | RSS MB | CPU % (last 5 s) | key → frame ms |');
console.log('|---|---|---|---|---|');
const started = performance.now();
const samples = [];
let failed = false;
while ((performance.now() - started) / 1000 < seconds) {
	const cpu = await cpuPercentOver(pid, 5000);
	if (exited) {
		failed = true;
		console.log('proctop exited during the soak');
		break;
	}
	const latency = await keyLatency();
	samples.push({seconds: (performance.now() - started) / 1000, rss: residentMiB(pid), cpu, latency});
	console.log(
		`| ${((performance.now() - started) / 1000).toFixed(0)} | ${countProcesses()} | ${residentMiB(pid).toFixed(0)} | ${cpu.toFixed(1)} | ${latency.toFixed(0)} |`,
	);
}
const sorted = values => [...values].sort((a, b) => a - b);
const median = values => sorted(values)[Math.floor(values.length / 2)];
const fifth = Math.max(1, Math.floor(samples.length / 5));
const rssOf = part => part.map(sample => sample.rss);
const latencies = samples.map(sample => sample.latency);
if (samples.length > 0) {
	console.log(
		`\nsummary over ${samples.length} samples: RSS median ${median(rssOf(samples.slice(0, fifth))).toFixed(0)} MB in the first fifth, ${median(rssOf(samples.slice(-fifth))).toFixed(0)} MB in the last fifth, max ${Math.max(...rssOf(samples)).toFixed(0)} MB;`,
	);
	console.log(
		`CPU median ${median(samples.map(sample => sample.cpu)).toFixed(1)} %; key → frame median ${median(latencies).toFixed(0)} ms, 95th percentile ${sorted(latencies)[Math.floor(latencies.length * 0.95)].toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`,
	);
}
clearInterval(scraper);
if (all) console.log(`--serve: ${scrapes} scrapes answered, ${scrapeFailures} failed; --record wrote ${(statSync(recording).size / 1e6).toFixed(1)} MB`);
screen.write('q');
const code = await Promise.race([screen.exited.then(result => result.exitCode), new Promise(resolve => setTimeout(() => resolve('no exit'), 5000))]);
console.log(`quit with q: exit status ${code}`);
churn.stop();
await load.stop();
if (failed || code !== 0) process.exitCode = 1;
