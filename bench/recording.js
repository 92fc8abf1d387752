// Benchmark: what `--record` writes and how fast `--replay` seeks. Size: the real sampler over
// /proc at base, ~300 and +1,000 processes, one minute at a 1 s and at a 5 s interval each, encoded
// as the recorder does; bytes per hour = the measured keyframe (one per 120 ticks) plus the
// measured mean delta for the rest. Seek: a synthetic 24-hour recording at 1 s (86,400 ticks of
// ~300 processes, a tenth of them busy each tick, one in fifty replaced every minute), opened
// (the frame index) and then seeked to 50 random moments, each from a fresh replay (no cache).
// Run: node bench/recording.js [seconds per point] [hours]
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {countProcesses, startSleepers} from './lib/load.js';
import {loadSource} from './lib/load-source.js';

const seconds = Number(process.argv[2] ?? 60);
const hours = Number(process.argv[3] ?? 24);
const {createProcfsSource} = await loadSource('source/platform/linux/procfs.ts');
const {createSampler} = await loadSource('source/sampling/sampler.ts');
const {createFrameEncoder, sessionHeader} = await loadSource('source/recording/format.ts');
const {openForAppend} = await loadSource('source/recording/file.ts');
const {openReplay} = await loadSource('source/recording/run-replay.ts');
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const mb = bytes => (bytes / 2 ** 20).toFixed(2);

console.log(`## Size (${seconds} s per point)\n`);
console.log('| processes | interval | keyframe KB | mean delta KB | MB per hour |');
console.log('|---|---|---|---|---|');
let sample;
for (const extra of [0, 235, 1000]) {
	const load = await startSleepers(extra);
	for (const intervalMs of [1000, 5000]) {
		const sampler = createSampler({source: createProcfsSource(), cores: 2});
		const encode = createFrameEncoder();
		await sampler.sample();
		const sizes = [];
		for (let tick = 0; tick <= seconds / (intervalMs / 1000); tick++) {
			await sleep(intervalMs);
			const snapshot = await sampler.sample();
			sizes.push(encode(snapshot).length);
			if (extra === 235) sample = snapshot;
		}
		const [keyframe, ...deltas] = sizes;
		const delta = deltas.reduce((total, size) => total + size, 0) / deltas.length;
		const perHour = 3_600_000 / intervalMs;
		console.log(
			`| ${countProcesses()} | ${intervalMs / 1000} s | ${(keyframe / 1024).toFixed(1)} | ${(delta / 1024).toFixed(2)} | ${mb((perHour / 120) * keyframe + perHour * (119 / 120) * delta)} |`,
		);
	}
	await load.stop();
}

// A synthetic day: the ~300-process table above, changing as a busy machine's does.
const dir = mkdtempSync(join(tmpdir(), 'proctop-bench-recording-'));
const file = join(dir, 'day.ptrec');
const writer = openForAppend(file, sessionHeader('proctop bench', 'bench', 1000));
const encode = createFrameEncoder();
let processes = sample.processes.map(process => ({...process}));
const start = Date.now() - hours * 3_600_000;
const ticks = hours * 3600;
const writing = performance.now();
for (let tick = 0; tick < ticks; tick++) {
	for (let index = tick % 10; index < processes.length; index += 10) {
		const process = processes[index];
		processes[index] = {
			...process,
			cpuTicks: process.cpuTicks + 3,
			cpuPercent: (tick * 7 + index) % 100,
			residentBytes: process.residentBytes + 4096 * (tick % 3),
		};
	}
	if (tick % 60 === 0) {
		const index = (tick / 60) % processes.length;
		const process = processes[index];
		processes = processes.map((candidate, at) =>
			at === index ? {...process, pid: process.pid + 100_000, key: `${process.pid + 100_000}:${tick}`, startTicks: String(tick)} : candidate,
		);
	}
	writer.write(encode({...sample, processes, takenAt: start + tick * 1000}));
}
writer.close();
const writeSeconds = (performance.now() - writing) / 1000;
const openStart = performance.now();
const opened = openReplay(file);
const openMs = performance.now() - openStart;
opened.close();
const seeks = [];
for (let attempt = 0; attempt < 50; attempt++) {
	const fresh = openReplay(file);
	const target = Math.floor(Math.random() * ticks);
	const seekStart = performance.now();
	fresh.replay.at(target);
	seeks.push(performance.now() - seekStart);
	fresh.close();
}
seeks.sort((a, b) => a - b);
console.log(`\n## Seek in ${hours} hours at 1 s (${ticks} ticks of ${processes.length} processes)\n`);
console.log('| file MB | written in s | open (index) ms | seek ms median | seek ms worst |');
console.log('|---|---|---|---|---|');
console.log(
	`| ${mb(statSync(file).size)} | ${writeSeconds.toFixed(1)} | ${openMs.toFixed(0)} | ${seeks[Math.floor(seeks.length / 2)].toFixed(1)} | ${seeks.at(-1).toFixed(1)} |`,
);
rmSync(dir, {recursive: true, force: true});
