// Benchmark: steady CPU (% of one core) and RSS of proctop, htop (-d 10) and btop (update_ms =
// 1000), all at a 1 s refresh, one after the other in same-size pseudo-terminals, at base load
// and with +1,000 / +5,000 sleeping processes; proctop also with --history 0, for what remembering
// costs end to end. Each program first runs a warm-up (default 60 s), whose own CPU is reported as
// its start-up cost: proctop's engine is still compiling its per-frame code for about a minute
// (V8's optimising compiler takes on one or two functions a second, counted with --log-code), so
// a window that starts earlier measures the compiler, not the monitor. All three get the same.
// Run: node bench/steady.js [seconds per measurement, default 30] [warm-up seconds, default 60]
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {btopEnv, hasBtop} from './lib/btop.js';
import {countProcesses, startSleepers} from './lib/load.js';
import {cpuSeconds, residentMiB} from './lib/proc-usage.js';
import {leftOutNote, startInPty} from './lib/pty-screen.js';

const seconds = Number(process.argv[2] ?? 30);
const warmUp = Number(process.argv[3] ?? 60);
execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});
const hasHtop = existsSync('/usr/bin/htop');
const size = {columns: 120, rows: 40};

async function steady(file, args, env = {XDG_CONFIG_HOME: '/tmp/proctop-bench-config'}) {
	const screen = startInPty(file, args, {...size, env});
	const launched = performance.now();
	const pid = screen.child.pid;
	// RSS read every second from launch, the peak reported (a garbage-collected heap saws up and
	// down, so one reading at the end could land anywhere on the saw; start-up counts too).
	let rss = 0;
	const readEverySecondUntil = async end => {
		while (performance.now() < end) {
			await new Promise(resolve => setTimeout(resolve, 1000));
			rss = Math.max(rss, residentMiB(pid));
		}
	};
	await readEverySecondUntil(launched + warmUp * 1000);
	// CPU over the whole window after the warm-up; the warm-up's own as the start-up cost.
	const before = cpuSeconds(pid);
	const start = performance.now();
	const startUp = (before / ((start - launched) / 1000)) * 100;
	await readEverySecondUntil(start + seconds * 1000);
	const cpu = ((cpuSeconds(pid) - before) / ((performance.now() - start) / 1000)) * 100;
	screen.write('q');
	await Promise.race([screen.exited, new Promise(resolve => setTimeout(resolve, 2000))]);
	screen.child.kill();
	return {cpu, rss, startUp};
}

console.log(`steady state over ${seconds} s after a ${warmUp} s warm-up, 1 s refresh, ${size.columns}×${size.rows} pseudo-terminal ${leftOutNote()}`.trimEnd());
console.log(
	`| processes | proctop CPU % | htop CPU % | btop CPU % | proctop ÷ htop | proctop ÷ btop | peak RSS MB proctop / htop / btop | proctop --history 0: CPU %, RSS MB | first ${warmUp} s CPU % proctop / htop / btop |`,
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const extra of [0, 1000, 5000]) {
	const load = await startSleepers(extra);
	const total = countProcesses();
	// One after the other, not at once: two monitors on 2 cores would measure each other.
	const proctop = await steady(process.execPath, ['dist/proctop.cjs']);
	// The same without history (what remembering costs, end to end).
	const forgetful = await steady(process.execPath, ['dist/proctop.cjs', '--history', '0']);
	const htop = hasHtop ? await steady('htop', ['-d', '10']) : {cpu: Number.NaN, rss: Number.NaN, startUp: Number.NaN};
	const btop = hasBtop ? await steady('btop', [], btopEnv()) : {cpu: Number.NaN, rss: Number.NaN, startUp: Number.NaN};
	console.log(
		`| ${total} | ${proctop.cpu.toFixed(2)} | ${htop.cpu.toFixed(2)} | ${btop.cpu.toFixed(2)} | ${(proctop.cpu / htop.cpu).toFixed(2)} | ${(proctop.cpu / btop.cpu).toFixed(2)} | ${proctop.rss.toFixed(0)} / ${htop.rss.toFixed(1)} / ${btop.rss.toFixed(1)} | ${forgetful.cpu.toFixed(2)}, ${forgetful.rss.toFixed(0)} | ${proctop.startUp.toFixed(2)} / ${htop.startUp.toFixed(2)} / ${btop.startUp.toFixed(2)} |`,
	);
	await load.stop();
}
