// Benchmark: two builds of proctop at once, for a change too small for one 30-second window.
// At ~1 % of a core a lone window moves by a fifth between runs (the machine, the moment a
// garbage collection lands, 10 ms CPU clock ticks), more than the change being judged. Running
// the builds *at the same time*, several copies of each, puts every copy under the same machine;
// copies of one build then agree to a few percent, and two builds differ only by their code.
// Each copy runs in its own 120×40 pseudo-terminal with its own config and cache; CPU is read
// from /proc over the same window after a shared warm-up. All copies share the two cores, so
// every figure is higher than one monitor's alone: compare the two columns, not the numbers with
// steady.js.
// Run: node bench/side-by-side.js DIST_A DIST_B [pairs, default 3] [seconds, default 200]
//        [warm-up seconds, default 40] [--extra N: N idle processes more]
// DIST_A and DIST_B are directories holding a build (proctop.cjs and its bundles), e.g. `dist`
// copied aside before and after a change (node scripts/build.js).
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {startSleepers} from './lib/load.js';
import {cpuSeconds, residentMiB} from './lib/proc-usage.js';
import {leftOutNote, startInPty} from './lib/pty-screen.js';

const argv = process.argv.slice(2);
const extraAt = argv.indexOf('--extra');
const extra = extraAt === -1 ? 0 : Number(argv.splice(extraAt, 2)[1]);
const [first, second, pairsText = '3', secondsText = '200', warmUpText = '40'] = argv;
if (!first || !second) {
	console.error('usage: node bench/side-by-side.js DIST_A DIST_B [pairs] [seconds] [warm-up seconds] [--extra N]');
	process.exit(2);
}
const builds = [resolve(first), resolve(second)];
for (const build of builds) {
	if (!existsSync(join(build, 'proctop.cjs'))) {
		console.error(`no build in ${build}: expected proctop.cjs there (node scripts/build.js writes dist/)`);
		process.exit(2);
	}
}
const pairs = Number(pairsText);
const seconds = Number(secondsText);
const warmUp = Number(warmUpText);
const sleep = ms => new Promise(done => setTimeout(done, ms));

const load = await startSleepers(extra);
const scratch = mkdtempSync(join(tmpdir(), 'proctop-side-by-side-'));
const copies = [];
// A, B, A, B…: neither build always starts first.
for (let index = 0; index < pairs * 2; index++) {
	const build = builds[index % 2];
	const home = join(scratch, String(index));
	const screen = startInPty(process.execPath, [join(build, 'proctop.cjs')], {
		env: {XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache')},
	});
	copies.push({build: index % 2, screen, rss: 0});
	await sleep(150);
}
const stopAll = () => {
	for (const copy of copies) copy.screen.child.kill();
};
process.once('exit', () => {
	stopAll();
	rmSync(scratch, {recursive: true, force: true});
});

const readRss = () => {
	for (const copy of copies) copy.rss = Math.max(copy.rss, residentMiB(copy.screen.child.pid));
};
const rssTimer = setInterval(readRss, 1000);
await sleep(warmUp * 1000);
for (const copy of copies) copy.before = cpuSeconds(copy.screen.child.pid);
const start = performance.now();
await sleep(seconds * 1000);
const elapsed = (performance.now() - start) / 1000;
for (const copy of copies) copy.cpu = ((cpuSeconds(copy.screen.child.pid) - copy.before) / elapsed) * 100;
clearInterval(rssTimer);
for (const copy of copies) copy.screen.write('q');
await sleep(1500);
stopAll();
await load.stop();

const mean = values => values.reduce((sum, value) => sum + value, 0) / values.length;
const of = build => copies.filter(copy => copy.build === build);
console.log(`${pairs} copies of each build at once, CPU over ${seconds} s after ${warmUp} s, 1 s refresh, +${extra} processes ${leftOutNote()}`.trimEnd());
console.log('| build | CPU % of a core, each copy | mean | peak RSS MB, each copy |');
console.log('|---|---|---|---|');
for (const build of [0, 1]) {
	const runs = of(build);
	console.log(
		`| ${builds[build]} | ${runs.map(copy => copy.cpu.toFixed(3)).join(' / ')} | ${mean(runs.map(copy => copy.cpu)).toFixed(3)} | ${runs.map(copy => copy.rss.toFixed(1)).join(' / ')} |`,
	);
}
const ratio = mean(of(1).map(copy => copy.cpu)) / mean(of(0).map(copy => copy.cpu));
const overlap =
	Math.max(...of(1).map(copy => copy.cpu)) >= Math.min(...of(0).map(copy => copy.cpu)) &&
	Math.min(...of(1).map(copy => copy.cpu)) <= Math.max(...of(0).map(copy => copy.cpu));
const spread = pairs < 2 ? 'one copy each: no spread to judge by' : overlap ? 'the copies overlap: no difference shown' : 'the copies do not overlap';
console.log(`\nB ÷ A: ${ratio.toFixed(3)} (${((ratio - 1) * 100).toFixed(1)} %); ${spread}`);
process.exit(0);
