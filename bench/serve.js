// Benchmark: `proctop --serve` against process-exporter (Debian `prometheus-process-exporter`,
// grouping every process by comm), side by side in the same run at base, +1,000 and +5,000
// processes: each scraped once a second for 20 s; CPU % of a core over that window (proctop
// also samples once a second; process-exporter walks /proc on each scrape), scrape latency
// (median, p99) and how many series a scrape returns. Run: node bench/serve.js
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {countProcesses, startSleepers} from './lib/load.js';
import {cpuSeconds} from './lib/proc-usage.js';

execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});
const EXPORTER = '/usr/bin/prometheus-process-exporter';
const seconds = Number(process.argv[2] ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'proctop-bench-serve-'));
writeFileSync(join(dir, 'all.yml'), 'process_names:\n  - name: "{{.Comm}}"\n    cmdline:\n    - \'.+\'\n');

async function waitFor(url) {
	for (let attempt = 0; attempt < 100; attempt++) {
		const ok = await fetch(url).then(
			response => response.ok,
			() => false,
		);
		if (ok) return;
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	throw new Error(`${url} never answered`);
}

async function measure(command, args, url) {
	const child = spawn(command, args, {stdio: 'ignore'});
	await waitFor(url);
	await new Promise(resolve => setTimeout(resolve, 3000));
	const before = cpuSeconds(child.pid);
	const start = performance.now();
	const latencies = [];
	let series = 0;
	for (let scrape = 0; scrape < seconds; scrape++) {
		const at = performance.now();
		const text = await (await fetch(url)).text();
		latencies.push(performance.now() - at);
		series = text.split('\n').filter(line => line && !line.startsWith('#')).length;
		await new Promise(resolve => setTimeout(resolve, Math.max(0, 1000 - (performance.now() - at))));
	}
	const cpu = ((cpuSeconds(child.pid) - before) / ((performance.now() - start) / 1000)) * 100;
	child.kill('SIGTERM');
	latencies.sort((a, b) => a - b);
	return {
		cpu,
		median: latencies[Math.floor(latencies.length / 2)],
		p99: latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)],
		series,
	};
}

console.log(`scraped once a second for ${seconds} s`);
console.log('| processes | proctop CPU % | process-exporter CPU % | scrape ms median / p99, proctop | process-exporter | series proctop / process-exporter |');
console.log('|---|---|---|---|---|---|');
for (const extra of [0, 1000, 5000]) {
	const load = await startSleepers(extra);
	const proctop = await measure(process.execPath, ['dist/proctop.cjs', '--serve', '19901'], 'http://127.0.0.1:19901/metrics');
	const exporter = existsSync(EXPORTER)
		? await measure(EXPORTER, ['-config.path', join(dir, 'all.yml'), '-web.listen-address', '127.0.0.1:19902'], 'http://127.0.0.1:19902/metrics')
		: {cpu: Number.NaN, median: Number.NaN, p99: Number.NaN, series: Number.NaN};
	console.log(
		`| ${countProcesses()} | ${proctop.cpu.toFixed(2)} | ${exporter.cpu.toFixed(2)} | ${proctop.median.toFixed(1)} / ${proctop.p99.toFixed(1)} | ${exporter.median.toFixed(1)} / ${exporter.p99.toFixed(1)} | ${proctop.series} / ${exporter.series} |`,
	);
	await load.stop();
}
