// Benchmark: steady CPU (% of one core) and RSS of proctop, htop (-d 10) and btop (update_ms =
// 1000), all at a 1 s refresh, one after the other in same-size pseudo-terminals, at base load
// and with +1,000 / +5,000 sleeping processes; proctop also with --history 0, for what remembering
// costs end to end. Run: node bench/steady.js [seconds per measurement, default 30]
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {btopEnv, hasBtop} from './lib/btop.js';
import {countProcesses, startSleepers} from './lib/load.js';
import {cpuSeconds, residentMiB} from './lib/proc-usage.js';
import {startInPty} from './lib/pty-screen.js';

const seconds = Number(process.argv[2] ?? 30);
execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});
const hasHtop = existsSync('/usr/bin/htop');
const size = {columns: 120, rows: 40};

async function steady(file, args, env = {XDG_CONFIG_HOME: '/tmp/proctop-bench-config'}) {
	const screen = startInPty(file, args, {...size, env});
	await new Promise(resolve => setTimeout(resolve, 4000)); // start-up and first-sight caches
	// CPU over the whole window; RSS read every second and the peak reported (a garbage-collected
	// heap saws up and down, so one reading at the end could land anywhere on the saw).
	const pid = screen.child.pid;
	const before = cpuSeconds(pid);
	const start = performance.now();
	let rss = 0;
	while (performance.now() - start < seconds * 1000) {
		await new Promise(resolve => setTimeout(resolve, 1000));
		rss = Math.max(rss, residentMiB(pid));
	}
	const cpu = ((cpuSeconds(pid) - before) / ((performance.now() - start) / 1000)) * 100;
	screen.write('q');
	await Promise.race([screen.exited, new Promise(resolve => setTimeout(resolve, 2000))]);
	screen.child.kill();
	return {cpu, rss};
}

console.log(`steady state over ${seconds} s, 1 s refresh, ${size.columns}×${size.rows} pseudo-terminal`);
console.log(
	'| processes | proctop CPU % | htop CPU % | btop CPU % | proctop ÷ htop | proctop ÷ btop | peak RSS MB proctop / htop / btop | proctop --history 0: CPU %, RSS MB |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const extra of [0, 1000, 5000]) {
	const load = await startSleepers(extra);
	const total = countProcesses();
	// One after the other, not at once: two monitors on 2 cores would measure each other.
	const proctop = await steady(process.execPath, ['dist/proctop.cjs']);
	// The same without history (what remembering costs, end to end).
	const forgetful = await steady(process.execPath, ['dist/proctop.cjs', '--history', '0']);
	const htop = hasHtop ? await steady('htop', ['-d', '10']) : {cpu: Number.NaN, rss: Number.NaN};
	const btop = hasBtop ? await steady('btop', [], btopEnv()) : {cpu: Number.NaN, rss: Number.NaN};
	console.log(
		`| ${total} | ${proctop.cpu.toFixed(2)} | ${htop.cpu.toFixed(2)} | ${btop.cpu.toFixed(2)} | ${(proctop.cpu / htop.cpu).toFixed(2)} | ${(proctop.cpu / btop.cpu).toFixed(2)} | ${proctop.rss.toFixed(0)} / ${htop.rss.toFixed(1)} / ${btop.rss.toFixed(1)} | ${forgetful.cpu.toFixed(2)}, ${forgetful.rss.toFixed(0)} |`,
	);
	await load.stop();
}
