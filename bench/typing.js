// Benchmark: key-to-frame latency while typing a filter, at base load and with +5,000 sleeping
// processes: the time from writing one key to the pty until the screen shows it in the filter
// prompt. Run: node bench/typing.js
import {execFileSync} from 'node:child_process';
import {countProcesses, startSleepers} from './lib/load.js';
import {startInPty} from './lib/pty-screen.js';

execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});
const word = 'sleepyheads-and-daydreamers'; // 27 keys: enough for a 95th percentile

async function typingLatencies() {
	const screen = startInPty(process.execPath, ['dist/proctop.cjs'], {columns: 120, rows: 40, env: {XDG_CONFIG_HOME: '/tmp/proctop-bench-config'}});
	if (!(await screen.waitFor(text => text.includes('PID USER'), {timeoutMs: 30_000}))) throw new Error('proctop never drew its table');
	await new Promise(resolve => setTimeout(resolve, 1500));
	screen.write('\\');
	const latencies = [];
	for (let index = 0; index < word.length; index++) {
		const expected = `Filter: ${word.slice(0, index + 1)}▏`;
		const start = performance.now();
		screen.write(word[index]);
		if (!(await screen.waitFor(text => text.includes(expected)))) throw new Error(`the filter never showed ${expected}`);
		latencies.push(performance.now() - start);
		await new Promise(resolve => setTimeout(resolve, 150)); // a brisk typist, ~7 keys/s
	}
	screen.write('\u001b');
	screen.write('q');
	await Promise.race([screen.exited, new Promise(resolve => setTimeout(resolve, 2000))]);
	screen.child.kill();
	latencies.sort((a, b) => a - b);
	return {median: latencies[Math.floor(latencies.length / 2)], p95: latencies[Math.floor(latencies.length * 0.95)], max: latencies.at(-1)};
}

console.log(`key to frame while typing a ${word.length}-letter filter (ms)`);
console.log('| processes | median | 95th percentile | max |');
console.log('|---|---|---|---|');
for (const extra of [0, 5000]) {
	const load = await startSleepers(extra);
	const total = countProcesses();
	const {median, p95, max} = await typingLatencies();
	console.log(`| ${total} | ${median.toFixed(1)} | ${p95.toFixed(1)} | ${max.toFixed(1)} |`);
	await load.stop();
}
