// Benchmark: start to first full frame (header meters and process rows on screen), proctop vs
// htop and btop in the same run, polling a pseudo-terminal's screen; the programs take turns run by run. Base load and +1,000 / +5,000 sleeps.
// "Node alone" is the floor for any program run by Node here: Node starting and writing a fixed
// frame of the same shape, nothing read, nothing loaded.
// Run: node bench/first-frame.js [runs]
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {btopEnv, btopReady, hasBtop} from './lib/btop.js';
import {countProcesses, startSleepers} from './lib/load.js';
import {leftOutNote, proctopReady, startInPty, timeUntil} from './lib/pty-screen.js';

const runs = Number(process.argv[2] ?? 5);
execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});
const hasHtop = existsSync('/usr/bin/htop');

// A full frame: the memory meter and at least five process rows.
const htopReady = text => text.includes('Mem[') && (text.match(/^\s*\d+ \S+\s+\d+/gm) ?? []).length >= 5;

async function measureOnce({file, args, ready, quitKeys, env = {}}) {
	const start = performance.now();
	const screen = startInPty(file, args, {env});
	const time = await timeUntil(screen, ready, start);
	screen.write(quitKeys);
	await Promise.race([screen.exited, new Promise(resolve => setTimeout(resolve, 3000))]);
	screen.child.kill();
	return time;
}

const median = times => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

/** Each program's median over `runs`, taken in turns (one run of each, then the next round), so a machine that slows down mid-way weighs on all alike. */
async function measureInTurns(programs) {
	const times = programs.map(() => []);
	for (let run = 0; run < runs; run++) for (const [index, program] of programs.entries()) times[index].push(program ? await measureOnce(program) : Number.NaN);
	return times.map(median);
}

const nodeAlone = [
	'-e',
	"process.stdout.write('Mem[|||   ]' + '\\n    1 root      0.0  0.1 init'.repeat(10) + '\\n'); process.stdin.setRawMode(true); process.stdin.once('data', () => process.exit(0));",
];

console.log(`first full frame, median of ${runs} runs (ms), Node ${process.version} ${leftOutNote()}`.trimEnd());
console.log('| processes | proctop | Node alone | htop | btop | proctop ÷ htop | proctop ÷ btop |');
console.log('|---|---|---|---|---|---|---|');
for (const extra of [0, 1000, 5000]) {
	const load = await startSleepers(extra);
	const total = countProcesses();
	const [proctop, floor, htop, btop] = await measureInTurns([
		{file: process.execPath, args: ['dist/proctop.cjs'], ready: proctopReady, quitKeys: 'q'},
		{file: process.execPath, args: nodeAlone, ready: proctopReady, quitKeys: 'q'},
		hasHtop ? {file: 'htop', args: ['-d', '10'], ready: htopReady, quitKeys: 'q'} : undefined,
		hasBtop ? {file: 'btop', args: [], ready: btopReady, quitKeys: 'q', env: btopEnv()} : undefined,
	]);
	console.log(
		`| ${total} | ${proctop.toFixed(0)} | ${floor.toFixed(0)} | ${htop.toFixed(0)} | ${btop.toFixed(0)} | ${(proctop / htop).toFixed(2)} | ${(proctop / btop).toFixed(2)} |`,
	);
	await load.stop();
}
