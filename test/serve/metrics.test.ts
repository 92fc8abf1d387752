import {spawnSync} from 'node:child_process';
import {describe, expect, test} from 'vitest';
import {createMetrics, escapeLabel, highest} from '../../source/serve/metrics.js';
import type {ProcessResources, ProcessSample} from '../../source/types.js';
import {processSample, snapshotOf} from '../helpers/processes.js';
import {seededRandom} from '../helpers/seeded-random.js';

const promtool = spawnSync('promtool', ['--version']).status === 0;
const own = {cpuSeconds: 1.5, residentBytes: 50e6, startTimeSeconds: 1_700_000_000};

const web = (pid: number, cpuTicks: number, systemTicks = 0, extra: Partial<ProcessSample> = {}) =>
	processSample({
		pid,
		name: 'node',
		app: 'api › server.js',
		cpuTicks,
		systemTicks,
		residentBytes: 1000,
		virtualBytes: 5000,
		threads: 3,
		state: 'S',
		startTimeMs: 1_700_000_000_000 + pid,
		...extra,
	});
const value = (text: string, series: string) =>
	Number(
		text
			.split('\n')
			.find(line => line.startsWith(`${series} `))
			?.slice(series.length + 1),
	);

describe('createMetrics', () => {
	test('groups by app with process-exporter names; CPU counters stay monotonic as processes exit', async () => {
		const metrics = createMetrics({groupBy: 'app', topK: 10, clockTicks: 100, version: '1.2.3'});
		// Started before any of them: each counts in full from its first tick.
		await metrics.update(snapshotOf([]));
		await metrics.update(snapshotOf([web(1, 100, 20), web(2, 50)]));
		let text = await metrics.render(own);
		expect(value(text, 'namedprocess_namegroup_num_procs{groupname="api › server.js"}')).toBe(2);
		expect(value(text, 'namedprocess_namegroup_cpu_seconds_total{groupname="api › server.js",mode="user"}')).toBe(1.3);
		expect(value(text, 'namedprocess_namegroup_cpu_seconds_total{groupname="api › server.js",mode="system"}')).toBe(0.2);
		expect(value(text, 'namedprocess_namegroup_memory_bytes{groupname="api › server.js",memtype="resident"}')).toBe(2000);
		expect(value(text, 'namedprocess_namegroup_num_threads{groupname="api › server.js"}')).toBe(6);
		expect(value(text, 'namedprocess_namegroup_states{groupname="api › server.js",state="Sleeping"}')).toBe(2);
		expect(value(text, 'namedprocess_namegroup_oldest_start_time_seconds{groupname="api › server.js"}')).toBe(1_700_000_000.001);
		// Process 2 exits and a new one starts: the group's CPU only grows.
		await metrics.update(snapshotOf([web(1, 150, 20), web(3, 10)]));
		text = await metrics.render(own);
		expect(value(text, 'namedprocess_namegroup_cpu_seconds_total{groupname="api › server.js",mode="user"}')).toBe(1.9);
		expect(text).toContain('proctop_build_info{version="1.2.3"} 1');
		expect(value(text, 'process_cpu_seconds_total')).toBe(1.5);
	});

	test('what ran before proctop started is the baseline: every group starts at 0, as in process-exporter', async () => {
		const metrics = createMetrics({groupBy: 'app', topK: 10, clockTicks: 100, version: '1'});
		const early = web(1, 500, 100);
		// Running at start too, but not read on the first tick (the tracker reads a few hundred per tick).
		const unread = web(3, 40);
		await metrics.update(snapshotOf([early, unread]), new Map([[early.key, {readBytes: 1e9, voluntarySwitches: 80}]]));
		let text = await metrics.render(own);
		expect(value(text, 'namedprocess_namegroup_cpu_seconds_total{groupname="api › server.js",mode="user"}')).toBe(0);
		expect(value(text, 'namedprocess_namegroup_read_bytes_total{groupname="api › server.js"}')).toBe(0);
		const later = web(2, 30);
		await metrics.update(
			snapshotOf([web(1, 510, 100), later, unread]),
			new Map([
				[early.key, {readBytes: 1e9 + 4096, voluntarySwitches: 81}],
				[later.key, {readBytes: 100, voluntarySwitches: 5}],
			]),
		);
		text = await metrics.render(own);
		// Read only now: that first reading is its baseline.
		await metrics.update(snapshotOf([web(1, 510, 100), later, unread]), new Map([[unread.key, {readBytes: 5e8, voluntarySwitches: 9}]]));
		expect(value(await metrics.render(own), 'namedprocess_namegroup_read_bytes_total{groupname="api › server.js"}')).toBe(4196);
		expect(value(text, 'namedprocess_namegroup_cpu_seconds_total{groupname="api › server.js",mode="user"}')).toBe(0.4);
		expect(value(text, 'namedprocess_namegroup_read_bytes_total{groupname="api › server.js"}')).toBe(4196);
		expect(value(text, 'namedprocess_namegroup_context_switches_total{groupname="api › server.js",ctxswitchtype="voluntary"}')).toBe(6);
	});

	test('a group whose processes all exited has no series; --serve-groupname comm groups by name', async () => {
		const metrics = createMetrics({groupBy: 'comm', topK: 10, clockTicks: 100, version: '1'});
		await metrics.update(snapshotOf([web(1, 1), processSample({pid: 9, name: 'cron'})]));
		expect(await metrics.render(own)).toContain('namedprocess_namegroup_num_procs{groupname="node"} 1');
		await metrics.update(snapshotOf([processSample({pid: 9, name: 'cron'})]));
		expect(await metrics.render(own)).not.toContain('groupname="node"');
	});

	test('top K by CPU and by memory, each process once, with the rest counted as left out', async () => {
		const metrics = createMetrics({groupBy: 'app', topK: 1, clockTicks: 100, version: '1'});
		await metrics.update(
			snapshotOf([
				web(1, 1, 0, {cpuPercent: 90, residentBytes: 10}),
				web(2, 1, 0, {cpuPercent: 1, residentBytes: 999}),
				web(3, 1, 0, {cpuPercent: 0, residentBytes: 1}),
			]),
		);
		const text = await metrics.render(own);
		expect(text.match(/^proctop_process_cpu_percent\{/gm)).toHaveLength(2);
		expect(text).toContain('proctop_process_cpu_percent{pid="1",name="node",app="api › server.js"} 90');
		expect(text).toContain('proctop_process_resident_memory_bytes{pid="2",name="node",app="api › server.js"} 999');
		expect(value(text, 'proctop_process_series_dropped_total')).toBe(1);
	});

	test('highest(): the first k of a stable sort, highest first, ties in table order', () => {
		const next = seededRandom(7);
		const random = (below: number) => Math.floor(next() * below);
		for (let round = 0; round < 200; round++) {
			// Few distinct scores, so ties are everywhere.
			const table = Array.from({length: random(60)}, (_, index) => processSample({pid: index + 1, cpuPercent: random(6)}));
			const count = random(12);
			const sorted = [...table].sort((a, b) => (b.cpuPercent ?? 0) - (a.cpuPercent ?? 0)).slice(0, count);
			expect(highest(table, count, process => process.cpuPercent ?? 0).map(process => process.pid)).toEqual(sorted.map(process => process.pid));
		}
	});

	test('each group series matches its figure worked out on its own, over a random table', async () => {
		const next = seededRandom(11);
		const random = (below: number) => Math.floor(next() * below);
		const states = ['R', 'S', 'I', 'D', 'Z', 'T'] as const;
		const table = Array.from({length: 3000}, (_, index) =>
			processSample({
				pid: index + 1,
				name: `g${random(7)}`,
				state: states[random(states.length)]!,
				residentBytes: random(1e6),
				virtualBytes: random(1e7),
				threads: 1 + random(9),
				startTimeMs: 1_700_000_000_000 + random(1e6),
			}),
		);
		const resources = new Map<string, ProcessResources>();
		for (const process of table) {
			const kind = random(4);
			if (kind === 0) continue; // never read
			resources.set(process.key, kind === 1 ? {swapBytes: random(5000)} : {openFds: random(900), fdLimit: kind === 2 ? 1024 : 0});
		}
		const metrics = createMetrics({groupBy: 'comm', topK: 5, clockTicks: 100, version: '1'});
		await metrics.update(snapshotOf(table), resources);
		const text = await metrics.render(own);
		for (const group of new Set(table.map(process => process.name))) {
			const members = table.filter(process => process.name === group);
			const read = members.map(process => resources.get(process.key)).filter(used => used !== undefined);
			const at = (series: string, extra = '') => value(text, `${series}{groupname="${group}"${extra}}`);
			expect(at('namedprocess_namegroup_num_procs')).toBe(members.length);
			expect(at('namedprocess_namegroup_memory_bytes', ',memtype="resident"')).toBe(members.reduce((total, process) => total + process.residentBytes, 0));
			expect(at('namedprocess_namegroup_memory_bytes', ',memtype="virtual"')).toBe(members.reduce((total, process) => total + process.virtualBytes, 0));
			expect(at('namedprocess_namegroup_num_threads')).toBe(members.reduce((total, process) => total + process.threads, 0));
			const oldest = Math.min(...members.map(process => process.startTimeMs)) / 1000;
			expect(at('namedprocess_namegroup_oldest_start_time_seconds')).toBe(Math.round(oldest * 1e6) / 1e6);
			const named = {Running: ['R'], Sleeping: ['S', 'I'], Waiting: ['D'], Zombie: ['Z'], Other: ['T']};
			for (const [state, letters] of Object.entries(named))
				expect(at('namedprocess_namegroup_states', `,state="${state}"`)).toBe(members.filter(process => letters.includes(process.state)).length);
			// A figure none of the group's processes let us read has no sample at all (NaN here).
			const sumOrAbsent = (figures: number[]) => (figures.length === 0 ? Number.NaN : figures.reduce((total, figure) => total + figure, 0));
			const swap = read.flatMap(used => (used.swapBytes === undefined ? [] : [used.swapBytes]));
			expect(at('namedprocess_namegroup_memory_bytes', ',memtype="swapped"')).toBe(sumOrAbsent(swap));
			const fds = read.filter(used => used.openFds !== undefined);
			expect(at('namedprocess_namegroup_open_filedesc')).toBe(sumOrAbsent(fds.map(used => used.openFds!)));
			const ratios = fds.filter(used => used.fdLimit).map(used => used.openFds! / used.fdLimit!);
			expect(at('namedprocess_namegroup_worst_fd_ratio')).toBe(ratios.length === 0 ? Number.NaN : Math.round(Math.max(...ratios) * 1e6) / 1e6);
		}
	});

	test('label values are escaped: a hostile process name cannot break a line or a label', async () => {
		expect(escapeLabel('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
		const metrics = createMetrics({groupBy: 'comm', topK: 5, clockTicks: 100, version: '1'});
		await metrics.update(snapshotOf([processSample({pid: 4, name: 'evil"} 1\nfake_metric 2', app: 'x'})]));
		const text = await metrics.render(own);
		expect(text).not.toMatch(/^fake_metric/m);
		expect(text).toContain('groupname="evil\\"} 1\\nfake_metric 2"');
	});

	test('swap, fds, storage bytes and context switches: summed where readable, counters kept past exits, absent when unknown', async () => {
		const metrics = createMetrics({groupBy: 'app', topK: 10, clockTicks: 100, version: '1'});
		const [one, two, cron] = [web(1, 100), web(2, 50), processSample({pid: 9, name: 'cron', app: 'cron'})];
		const key = (process: ProcessSample) => process.key;
		const group = 'groupname="api › server.js"';
		await metrics.update(snapshotOf([]));
		await metrics.update(
			snapshotOf([one, two, cron]),
			new Map([
				[key(one), {swapBytes: 4096, openFds: 10, fdLimit: 1000, readBytes: 100, writeBytes: 7, voluntarySwitches: 50, involuntarySwitches: 5}],
				// Another user's process: status readable, io and fds not.
				[key(two), {swapBytes: 1024, voluntarySwitches: 20, involuntarySwitches: 2}],
				[key(cron), {}],
			]),
		);
		let text = await metrics.render(own);
		expect(value(text, `namedprocess_namegroup_memory_bytes{${group},memtype="swapped"}`)).toBe(5120);
		expect(value(text, `namedprocess_namegroup_open_filedesc{${group}}`)).toBe(10);
		expect(value(text, `namedprocess_namegroup_worst_fd_ratio{${group}}`)).toBe(0.01);
		expect(value(text, `namedprocess_namegroup_read_bytes_total{${group}}`)).toBe(100);
		expect(value(text, `namedprocess_namegroup_context_switches_total{${group},ctxswitchtype="voluntary"}`)).toBe(70);
		expect(value(text, `namedprocess_namegroup_context_switches_total{${group},ctxswitchtype="nonvoluntary"}`)).toBe(7);
		// Nothing readable for cron: no sample at all rather than a false 0.
		expect(text).not.toMatch(/namedprocess_namegroup_(open_filedesc|read_bytes_total|context_switches_total)\{groupname="cron"/);
		// 2 exits; 1 is read again; a tick without a read of 1 keeps its figures.
		await metrics.update(
			snapshotOf([one, cron]),
			new Map([[key(one), {swapBytes: 0, openFds: 12, fdLimit: 1000, readBytes: 160, writeBytes: 7, voluntarySwitches: 55, involuntarySwitches: 5}]]),
		);
		await metrics.update(snapshotOf([one, cron]));
		text = await metrics.render(own);
		expect(value(text, `namedprocess_namegroup_read_bytes_total{${group}}`)).toBe(160);
		expect(value(text, `namedprocess_namegroup_context_switches_total{${group},ctxswitchtype="voluntary"}`)).toBe(75);
		expect(value(text, `namedprocess_namegroup_memory_bytes{${group},memtype="swapped"}`)).toBe(0);
		expect(value(text, `namedprocess_namegroup_open_filedesc{${group}}`)).toBe(12);
	});

	test.runIf(promtool)('promtool check metrics finds nothing to complain about', async () => {
		const metrics = createMetrics({groupBy: 'app', topK: 10, clockTicks: 100, version: '1'});
		const cron = processSample({pid: 9, name: 'cron', app: 'cron'});
		await metrics.update(
			snapshotOf([web(1, 100, 20), cron]),
			new Map([[cron.key, {swapBytes: 0, openFds: 3, fdLimit: 1024, readBytes: 0, writeBytes: 9, voluntarySwitches: 1, involuntarySwitches: 0}]]),
		);
		const result = spawnSync('promtool', ['check', 'metrics'], {input: await metrics.render(own), encoding: 'utf8'});
		expect(result.stdout + result.stderr).toBe('');
		expect(result.status).toBe(0);
	});
});

describe('OpenMetrics', () => {
	test('counter families are named without _total, samples keep it, and the exposition ends with # EOF', async () => {
		const metrics = createMetrics({groupBy: 'app', topK: 1, clockTicks: 100, version: '1'});
		await metrics.update(snapshotOf([]));
		await metrics.update(snapshotOf([web(1, 100, 20)]));
		const text = await metrics.render(own, 'openmetrics');
		expect(text).toContain('# TYPE namedprocess_namegroup_cpu_seconds counter');
		expect(text).toMatch(/^namedprocess_namegroup_cpu_seconds_total\{groupname="api › server\.js",mode="user"\} 0\.8$/m);
		expect(text).toContain('# TYPE process_cpu_seconds counter');
		expect(text.endsWith('# EOF\n')).toBe(true);
		expect(await metrics.render(own)).not.toContain('# EOF');
	});

	test('a tick that lands in the pause of a scrape does not mix into it: groups and top K are of the tick the scrape began on', async () => {
		const metrics = createMetrics({groupBy: 'app', topK: 1, clockTicks: 100, version: '1'});
		const first = Array.from({length: 3000}, (_, index) => web(index + 1, 1, 0, {cpuPercent: index === 0 ? 90 : 0}));
		const second = Array.from({length: 3500}, (_, index) => web(index + 10_001, 1, 0, {cpuPercent: index === 0 ? 99 : 0}));
		await metrics.update(snapshotOf(first));
		let landed = false;
		const text = await metrics.render(own, 'text', async () => {
			if (landed) return;
			landed = true;
			await metrics.update(snapshotOf(second));
		});
		expect(landed).toBe(true);
		expect(value(text, 'namedprocess_namegroup_num_procs{groupname="api › server.js"}')).toBe(3000);
		expect(text).toContain('proctop_process_cpu_percent{pid="1",name="node",app="api › server.js"} 90');
		expect(text).not.toContain('pid="10001"');
	});

	test('an update and a scrape of thousands pause between slices and say the same as without pauses', async () => {
		const table = (ticks: number) => Array.from({length: 6000}, (_, index) => web(index + 1, ticks, ticks / 2));
		const sliced = createMetrics({groupBy: 'app', topK: 3, clockTicks: 100, version: '1'});
		const whole = createMetrics({groupBy: 'app', topK: 3, clockTicks: 100, version: '1'});
		let pauses = 0;
		const pause = async () => {
			pauses++;
		};
		for (const ticks of [10, 30]) {
			await sliced.update(snapshotOf(table(ticks)), undefined, pause);
			await whole.update(snapshotOf(table(ticks)));
		}
		expect(pauses).toBe(4);
		const text = await sliced.render(own, 'text', pause);
		expect(pauses).toBe(6);
		expect(text).toBe(await whole.render(own));
		// 6,000 processes each 20 ticks (0.2 s) more: 1,200 s, half of it system time.
		expect(value(text, 'namedprocess_namegroup_cpu_seconds_total{groupname="api › server.js",mode="user"}')).toBeCloseTo(600);
	});
});
