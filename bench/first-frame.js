// Benchmark: start to first full frame (header meters and process rows on screen), proctop vs
// htop and btop in the same run, polling a pseudo-terminal's screen. Base load and +1,000 / +5,000 sleeps.
// "Node alone" is the floor for any program run by Node here: Node starting and writing a fixed
// frame of the same shape, nothing read, nothing loaded.
// Run: node bench/first-frame.js [runs]
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {btopEnv, btopReady, hasBtop} from './lib/btop.js';
import {countProcesses, startSleepers} from './lib/load.js';
import {proctopReady, startInPty, timeUntil} from './lib/pty-screen.js';

const runs = Number(process.argv[2] ?? 5);
execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});
const hasHtop = existsSync('/usr/bin/htop');

// A full frame: the memory meter and at least five process rows.
const htopReady = text => text.includes('Mem[') && (text.match(/^\s*\d+ \S+\s+\d+/gm) ?? []).length >= 5;

async function measure(file, args, ready, quitKeys, env = {}) {
	const times = [];
	for (let run = 0; run < runs; run++) {
		const start = performance.now();
		const screen = startInPty(file, args, {env});
		times.push(await timeUntil(screen, ready, start));
		screen.write(quitKeys);
		await Promise.race([screen.exited, new Promise(resolve => setTimeout(resolve, 3000))]);
		screen.child.kill();
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

const nodeAlone = [
	'-e',
	"process.stdout.write('Mem[|||   ]' + '\\n    1 root      0.0  0.1 init'.repeat(10) + '\\n'); process.stdin.setRawMode(true); process.stdin.once('data', () => process.exit(0));",
];

console.log(`first full frame, median of ${runs} runs (ms), Node ${process.version}`);
console.log('| processes | proctop | Node alone | htop | btop | proctop ÷ htop | proctop ÷ btop |');
console.log('|---|---|---|---|---|---|---|');
for (const extra of [0, 1000, 5000]) {
	const load = await startSleepers(extra);
	const total = countProcesses();
	const proctop = await measure(process.execPath, ['dist/proctop.cjs'], proctopReady, 'q');
	const floor = await measure(process.execPath, nodeAlone, proctopReady, 'q');
	const htop = hasHtop ? await measure('htop', ['-d', '10'], htopReady, 'q') : Number.NaN;
	const btop = hasBtop ? await measure('btop', [], btopReady, 'q', btopEnv()) : Number.NaN;
	console.log(
		`| ${total} | ${proctop.toFixed(0)} | ${floor.toFixed(0)} | ${htop.toFixed(0)} | ${btop.toFixed(0)} | ${(proctop / htop).toFixed(2)} | ${(proctop / btop).toFixed(2)} |`,
	);
	await load.stop();
}
