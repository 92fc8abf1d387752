// Benchmark: from launch to the first full frame (as bench/first-frame.js counts it), and to the first key answered: `h` written as soon
// as the table is on screen, timed until the help screen shows. The first frame is painted before
// Ink and React load (ui/first-frame.ts); a key is answered only once they have, so the second
// figure is when proctop is really usable. Compares this build with another one's dist/ (say a
// worktree of an older commit), the two alternating, at base and at +5,000 processes.
// Run: node bench/first-key.js [runs, default 7] [other build's directory]
import {execFileSync} from 'node:child_process';
import {join} from 'node:path';
import {countProcesses, startSleepers} from './lib/load.js';
import {leftOutNote, proctopReady, startInPty, timeUntil} from './lib/pty-screen.js';

const runs = Number(process.argv[2] ?? 7);
const other = process.argv[3];
execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});
const builds = {'this build': 'dist/proctop.cjs', ...(other ? {[other]: join(other, 'dist/proctop.cjs')} : {})};

async function once(launcher) {
	const start = performance.now();
	const screen = startInPty(process.execPath, [launcher], {columns: 120, rows: 40, env: {XDG_CONFIG_HOME: '/tmp/proctop-bench-config'}});
	const frame = await timeUntil(screen, proctopReady, start, {timeoutMs: 30_000});
	screen.write('h');
	const key = await timeUntil(screen, text => text.includes('proctop keys'), start, {timeoutMs: 30_000});
	screen.write('q');
	await Promise.race([screen.exited, new Promise(resolve => setTimeout(resolve, 3000))]);
	screen.child.kill();
	await new Promise(resolve => setTimeout(resolve, 500));
	return {frame, key};
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`launch → first frame → \`h\` answered, median of ${runs} (ms), 120×40 pseudo-terminal ${leftOutNote()}`.trimEnd());
console.log('| processes | build | first frame | first key answered | all runs (frame, key) |');
console.log('|---|---|---|---|---|');
for (const extra of [0, 5000]) {
	const load = await startSleepers(extra);
	const results = Object.fromEntries(Object.keys(builds).map(name => [name, []]));
	for (let run = 0; run < runs; run++) for (const [name, launcher] of Object.entries(builds)) results[name].push(await once(launcher));
	for (const [name, rows] of Object.entries(results)) {
		const frame = median(rows.map(row => row.frame)).toFixed(0);
		const key = median(rows.map(row => row.key)).toFixed(0);
		console.log(`| ${countProcesses()} | ${name} | ${frame} | ${key} | ${rows.map(row => `${row.frame.toFixed(0)}, ${row.key.toFixed(0)}`).join('; ')} |`);
	}
	await load.stop();
}
