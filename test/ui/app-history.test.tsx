import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {rememberingSampler} from '../../source/history/remembering-sampler.js';
import {createHistory} from '../../source/history/ring.js';
import type {Options, RawProcess} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import {fakePlatform} from '../helpers/fake-platform.js';
import {counting, fakeSampler, rawProcess} from '../helpers/fake-sampler.js';
import {afterReads, frameWith, strip, testOptions} from '../helpers/ui.js';

const ESC = '\u001b';
const ENTER = '\r';
const mounted: Array<ReturnType<typeof render>> = [];
afterEach(() => {
	for (const ui of mounted.splice(0)) ui.unmount();
});

function world(withWorker: boolean): RawProcess[] {
	return [
		rawProcess({pid: 1, ppid: 0, name: 'init', command: '/sbin/init', user: 'root'}),
		rawProcess({pid: 100, ppid: 1, name: 'server', command: 'node server.js'}),
		...(withWorker ? [rawProcess({pid: 4242, ppid: 100, name: 'shortjob', command: 'shortjob --once', residentBytes: 300 * 2 ** 20})] : []),
	];
}

/** The App with history on, over a world with `shortjob` in it until `endShortjob()`. */
function start(overrides: Partial<Options> = {}) {
	let current = world(true);
	const platform = fakePlatform({world: () => current});
	const table = counting(() => current);
	const history = createHistory({windowMs: 600_000});
	const ui = render(
		<App
			options={testOptions({sort: 'pid', ...overrides})}
			sampler={rememberingSampler(fakeSampler(table.tables), history)}
			platform={platform}
			history={history}
			historyWindowLabel="10m"
			viewport={{columns: 120, rows: 30}}
		/>,
	);
	mounted.push(ui);
	return {ui, platform, history, reads: table.reads, endShortjob: () => (current = world(false))};
}

/** As start(), once `shortjob` has run for three ticks, exited and been gone for three more. */
async function mount() {
	const started = start();
	const {ui, reads} = started;
	await frameWith(ui, text => text.includes('shortjob'));
	await afterReads(reads, 3);
	started.endShortjob();
	await afterReads(reads, reads() + 3);
	await frameWith(ui, text => !text.includes('shortjob'));
	return started;
}

describe('history in the UI', () => {
	test('{ steps back to a moment where an exited process is visible again, with a banner; Esc is live again', async () => {
		const {ui, history} = await mount();
		// How far back the last moment with shortjob is, from what the history kept.
		const kept = history.range()!;
		let back = 0;
		while (!history.at(kept.newest - back)!.snapshot.processes.some(process => process.name === 'shortjob')) back++;
		for (let step = 0; step < back; step++) ui.stdin.write('{');
		let frame = await frameWith(ui, text => text.includes('history ') && text.includes('shortjob'));
		expect(frame).toContain('shortjob');
		expect(frame).toMatch(/history \d\d:\d\d:\d\d \(−[\d.]+ s\) {3}\{ older {2}\} newer {2}J jump {2}Esc live/);
		ui.stdin.write(ESC);
		frame = await frameWith(ui, text => !text.includes('history '));
		expect(frame).not.toContain('shortjob');
	});

	test('signals and renice are refused in the past, and nothing is sent', async () => {
		const {ui, platform} = await mount();
		ui.stdin.write('{');
		await frameWith(ui, text => text.includes('history '));
		for (const key of ['k', 'X', ']', '[', 'R']) {
			ui.stdin.write(key);
			await frameWith(ui, text => /this is [\d.]+ s ago; go live to act \(Esc\)/.test(text));
		}
		expect(platform.sent).toEqual([]);
		expect(platform.reniced).toEqual([]);
	});

	test('} past the newest moment is live; { at the oldest says so', async () => {
		const {ui, history} = await mount();
		// Back to back, with no tick in between: a tick recorded while waiting for a frame would make
		// the moment shown one short of the newest, and } would then step to it rather than go live.
		ui.stdin.write('{');
		ui.stdin.write('}');
		await frameWith(ui, text => text.includes('live again') && !text.includes('history '));
		const kept = history.range()!;
		for (let step = 0; step <= kept.newest - kept.oldest + 1; step++) ui.stdin.write('{');
		await frameWith(ui, text => text.includes('oldest kept') && text.includes('that is the oldest moment kept (--history 10m)'));
	});

	test('x lists the exited process with its lifetime and peak memory; Esc goes back', async () => {
		const {ui} = await mount();
		ui.stdin.write('x');
		const list = await frameWith(ui, text => text.includes('Exited while watched'));
		// (The fake world's processes started in 2023 and end now, by the real clock: RAN is over a
		// thousand days, a figure that grows by one each day, and cut to its column.)
		// Started in 2023 (another day than it ended): the date, yy-mm-dd.
		expect(list).toMatch(/\d\d-\d\d-\d\d +\d\d:\d\d:\d\d +4242 {2}shortjob +\d{4} day… +0\.0 +300M {2}shortjob --once/);
		ui.stdin.write(ESC);
		await frameWith(ui, text => text.includes('server.js'));
	});

	test('a process that ends after proctop signalled it is listed with that signal', async () => {
		const {ui, platform, reads, endShortjob} = start({filter: 'shortjob'});
		await frameWith(ui, text => text.includes('shortjob --once'));
		ui.stdin.write('k');
		await frameWith(ui, text => text.includes('Target: 4242 shortjob'));
		ui.stdin.write(ENTER);
		await frameWith(ui, text => text.includes('sent SIGTERM to 4242 shortjob'));
		expect(platform.sent).toEqual([[4242, 'SIGTERM']]);
		endShortjob();
		await afterReads(reads, reads() + 2);
		ui.stdin.write('x');
		await frameWith(ui, text => /4242 {2}shortjob .*after SIGTERM from proctop {2}shortj/.test(text));
	});

	test('details in the past show that moment and graphs, not /proc now', async () => {
		const {ui} = await mount();
		ui.stdin.write('{');
		await frameWith(ui, text => text.includes('history '));
		ui.stdin.write(ENTER);
		const details = await frameWith(ui, text => text.includes('CPU graph'));
		expect(details).toContain('% then,');
		expect(details).toContain('Open files   not kept in history');
		expect(details).toMatch(/RES graph +[▁▂▃▄▅▆▇█ ]+ peak/);
	});
});

describe('the CPU GRAPH column', () => {
	test('C shows each process’s last ticks of CPU% as bars (ASCII where blocks cannot be drawn), C again hides it', async () => {
		let tick = 0;
		// Five ticks of CPU per read: a process at full speed.
		const busy = () => {
			tick += 5;
			return [rawProcess({pid: 1, ppid: 0, name: 'init'}), rawProcess({pid: 7, name: 'spinner', command: 'spinner --fast', cpuTicks: tick})];
		};
		for (const ascii of [false, true]) {
			const table = counting(busy);
			const history = createHistory({windowMs: 600_000});
			const ui = render(
				<App
					options={testOptions({sort: 'pid'})}
					sampler={rememberingSampler(fakeSampler(table.tables), history)}
					platform={fakePlatform()}
					history={history}
					asciiGraphs={ascii}
					viewport={{columns: 140, rows: 20}}
				/>,
			);
			await frameWith(ui, text => text.includes('spinner'));
			// A refresh after the first frame: the key handler is attached by then.
			await afterReads(table.reads, table.reads() + 1);
			expect(strip(ui.lastFrame() ?? '')).not.toContain('CPU GRAPH');
			ui.stdin.write('C');
			await afterReads(table.reads, table.reads() + 3);
			const frame = await frameWith(ui, text => /CPU% CPU GRAPH +MEM%/.test(text));
			const spinner = frame.split('\n').find(line => line.includes('spinner'))!;
			expect(spinner).toMatch(ascii ? /S +\d+\.\d +[*#@]{3,} / : /S +\d+\.\d +[▆▇█]{3,} /);
			ui.stdin.write('C');
			// (The status message names the column too: look at the titles.)
			await frameWith(ui, text => /CPU% +MEM%/.test(text));
			ui.unmount();
		}
	});
});
