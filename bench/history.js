// Benchmark: what remembering costs. The real sampler over /proc at base, +1,000 and +5,000
// processes for 600 ticks (10 minutes of a 1 s refresh, taken back to back), each tick recorded in
// the history ring: the time record() takes per tick (as % of a core at a 1 s refresh), the memory
// the ring holds at the end (heap and typed arrays after full GCs, a fresh node recording against
// a fresh node doing the same ticks without the ring), and the time to rebuild a remembered
// moment (what { does).
// Run: node bench/history.js [ticks]
import {execFileSync} from 'node:child_process';
import {countProcesses, startSleepers} from './lib/load.js';
import {loadSource} from './lib/load-source.js';

const ticks = Number(process.argv[2] ?? 600);
const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Heap and typed-array bytes after full collections (a turn of the loop between, for finalizers). */
async function retained() {
	for (let round = 0; round < 3; round++) {
		globalThis.gc();
		await new Promise(resolve => setImmediate(resolve));
	}
	const usage = process.memoryUsage();
	return usage.heapUsed + usage.arrayBuffers;
}

/**
 * One child's side: the same ticks with the ring (`record`) or without it (`plain`); the ring's
 * memory is the difference between the two children's heaps (each after full GCs). Measuring one
 * process with the ring and again after dropping it proved unreliable: a suspended async
 * function may keep a reference to it.
 */
async function measureHere(mode) {
	const {createProcfsSource} = await loadSource('source/platform/linux/procfs.ts');
	const {createSampler} = await loadSource('source/sampling/sampler.ts');
	const {createHistory} = await loadSource('source/history/ring.ts');
	const sampler = createSampler({source: createProcfsSource(), cores: 2});
	const history = mode === 'record' ? createHistory({windowMs: 3_600_000}) : undefined;
	const costs = [];
	for (let tick = 0; tick < ticks; tick++) {
		const snapshot = await sampler.sample();
		const start = performance.now();
		history?.record(snapshot);
		costs.push(performance.now() - start);
	}
	const rebuilds = [];
	const range = history?.range();
	for (let step = 0; range && step < 30; step++) {
		const start = performance.now();
		history.at(range.newest - Math.floor((step * (range.newest - range.oldest)) / 30));
		rebuilds.push(performance.now() - start);
	}
	const heap = await retained();
	const sorted = [...costs].sort((a, b) => a - b);
	process.stdout.write(
		JSON.stringify({median: median(costs), p95: sorted[Math.floor(sorted.length * 0.95)], heap, rebuild: median(rebuilds), kept: history?.range()}),
	);
}

if (process.argv[3] === '--child') await measureHere(process.argv[4]);
else {
	console.log(`${ticks} ticks each (10 minutes at a 1 s refresh when 600)`);
	console.log('| processes | record ms / tick (median, p95) | % of a core at 1 s | ring MB | rebuild a moment ms (median) |');
	console.log('|---|---|---|---|---|');
	for (const extra of [0, 1000, 5000]) {
		const load = await startSleepers(extra);
		const child = mode => JSON.parse(execFileSync(process.execPath, ['--expose-gc', 'bench/history.js', String(ticks), '--child', mode], {encoding: 'utf8'}));
		const result = child('record');
		const plain = child('plain');
		console.log(
			`| ${countProcesses()} | ${result.median.toFixed(2)} / ${result.p95.toFixed(2)} | ${(result.median / 10).toFixed(2)} | ${((result.heap - plain.heap) / 2 ** 20).toFixed(1)} | ${result.rebuild.toFixed(1)} |`,
		);
		await load.stop();
	}
}
