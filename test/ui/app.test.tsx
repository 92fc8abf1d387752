import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import type {Options} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import {fakePlatform} from '../helpers/fake-platform.js';
import {counting, fakeSampler, rawProcess} from '../helpers/fake-sampler.js';
import {afterReads, frameWith, selectedRow, sleep, strip, testOptions} from '../helpers/ui.js';

const ESC = '\u001b';
const options: Options = testOptions();

let world = [
	rawProcess({pid: 1, ppid: 0, name: 'init', command: '/sbin/init', user: 'root', uid: 0}),
	rawProcess({pid: 100, ppid: 1, name: 'sshd', command: '/usr/sbin/sshd -D', user: 'root', uid: 0}),
	rawProcess({pid: 200, ppid: 100, name: 'bash', command: '-bash'}),
	rawProcess({pid: 300, ppid: 200, name: 'node', command: 'node server.js', cpuTicks: 0}),
	rawProcess({pid: 400, ppid: 1, name: 'evil', command: 'evil \\e]52;c;eA==\\x07 \\e[2J', user: 'mallory', uid: 1001}),
];

const mounted: Array<ReturnType<typeof render>> = [];
function mount(width: number, height: number, overrides: Partial<Options> = {}, sampler = fakeSampler(() => world)) {
	const ui = render(
		<App
			options={{...options, ...overrides}}
			sampler={sampler}
			platform={fakePlatform({readIdentity: () => undefined})}
			viewport={{columns: width, rows: height}}
		/>,
	);
	mounted.push(ui);
	return ui;
}
afterEach(() => {
	for (const ui of mounted.splice(0)) ui.unmount();
});

describe('App', () => {
	test.each([
		[120, 30],
		[80, 24],
		[40, 12],
		[20, 5],
	])('at %i×%i: never taller than rows − 1, never wider than the terminal', async (width, height) => {
		const ui = mount(width, height);
		const frame = await frameWith(ui, text => text.includes('PID'));
		const lines = frame.split('\n');
		expect(lines.length).toBeLessThanOrEqual(height - 1);
		for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
	});

	test('wide: meters, titles with the sort mark, rows and the status bar', async () => {
		const ui = mount(140, 30);
		const frame = await frameWith(ui, text => text.includes('2.00G/8.00G'));
		// At 120 columns VIRT makes room for the command; at 140 every htop column is there.
		expect(frame).toMatch(/Mem\[\|+ +2\.00G\/8\.00G\]/);
		expect(frame).toContain('Load average: 0.50 0.25 0.10');
		expect(frame).toContain('Uptime: 01:01:01');
		expect(frame).toMatch(/PID USER\s+PRI\s+NI\s+VIRT\s+RES S CPU%▼\s+MEM%\s+TIME\+\s+THR APP\s+COMMAND/);
		expect(frame).toMatch(/ sshd\s+\/usr\/sbin\/sshd -D/); // the app label, then the command
		expect(frame).toContain('/usr/sbin/sshd -D');
		expect(frame).toContain('q Quit');
	});

	test('hostile command lines are shown escaped, never raw', async () => {
		const ui = mount(120, 30);
		const frame = await frameWith(ui, text => text.includes('evil'));
		expect(frame).toContain('evil \\e]52;c;eA==\\x07 \\e[2J');
		expect(ui.lastFrame()).not.toMatch(/\u001b\]|\u001b\[2J/);
		expect((ui.lastFrame() ?? '').split(ESC).length).toBeGreaterThan(1); // colours are there, escapes of ours only
	});

	test('narrow: low-priority columns drop, PID and COMMAND stay', async () => {
		const ui = mount(40, 12);
		const frame = await frameWith(ui, text => text.includes('PID'));
		const title = frame.split('\n').find(line => line.includes('PID'))!;
		expect(title).toMatch(/PID/);
		expect(title).toMatch(/COMMAND/);
		expect(title).not.toMatch(/VIRT/);
	});

	test('t shows the tree with the child indented under its parent; filter keeps ancestors', async () => {
		const ui = mount(120, 30);
		await frameWith(ui, text => text.includes('sshd'));
		ui.stdin.write('t');
		const tree = await frameWith(ui, text => text.includes('└─ node server.js'));
		expect(tree).toMatch(/├─ \/usr\/sbin\/sshd -D/);
		ui.stdin.write('\\');
		ui.stdin.write('server');
		const filtered = await frameWith(ui, text => text.includes('Filter: server'));
		expect(filtered).toContain('/sbin/init');
		expect(filtered).toContain('node server.js');
		expect(filtered).not.toContain('evil');
		ui.stdin.write(ESC);
		await frameWith(ui, text => text.includes('evil'));
	});

	test('the help screen lists the key table', async () => {
		const ui = mount(100, 45);
		await frameWith(ui, text => text.includes('PID'));
		ui.stdin.write('h');
		const help = await frameWith(ui, text => text.includes('proctop keys'));
		expect(help).toMatch(/P\s+Sort by CPU%/);
		expect(help).toMatch(/\\ F4\s+Filter: show only matches \(text anywhere in name, command or user; ~ first: fuzzy\)/);
		// 45 rows do not hold every key: the help scrolls, and End reaches the last one.
		expect(help).toMatch(/keys 1–\d+ of \d+; ↑↓ PgUp PgDn scroll/);
		expect(help).not.toContain('Suspend to the shell');
		ui.stdin.write('\u001b[F'); // End
		const bottom = await frameWith(ui, text => text.includes('Suspend to the shell'));
		expect(bottom).not.toMatch(/P\s+Sort by CPU%/);
		ui.stdin.write('\u001b[H'); // Home
		await frameWith(ui, text => /P\s+Sort by CPU%/.test(text));
	});

	test('the selection follows its process through a re-sort, and moves to a neighbour when it exits', async () => {
		const ui = mount(120, 30, {sort: 'pid'});
		const firstPid = (text: string) => text.match(/^\s*(\d+) (?:root|alice|mallory)/m)?.[1];
		await frameWith(ui, text => text.includes('sshd'));
		ui.stdin.write('\u001b[B'); // down: pid 100
		ui.stdin.write('\u001b[B'); // down: pid 200
		await frameWith(ui, () => selectedRow(ui).includes('-bash'));
		ui.stdin.write('I'); // invert: 400 300 200 100 1, so pid 200 moves from the 3rd row to the 3rd from the end
		await frameWith(ui, text => firstPid(text) === '400');
		expect(selectedRow(ui)).toMatch(/^\s*200 /);
		const before = world;
		world = world.filter(process => process.pid !== 200);
		try {
			const frame = await frameWith(ui, text => text.includes('200 bash exited'));
			expect(frame).not.toMatch(/^\s+200 alice/m);
			// The row now in its place: 400 300 [100] 1.
			expect(selectedRow(ui)).toMatch(/^\s*100 root/);
		} finally {
			world = before;
		}
	});

	test('NO_COLOR / --no-color: no colour codes, the selection still visible (inverse)', async () => {
		const ui = mount(120, 30, {color: false});
		await frameWith(ui, text => text.includes('sshd'));
		const raw = ui.lastFrame() ?? '';
		expect(raw).not.toMatch(/\u001b\[3[0-9]m|\u001b\[4[0-9]m/);
		expect(raw).toContain('\u001b[7m');
	});
});

describe('App keys', () => {
	const DOWN = '\u001b[B';
	const ENTER = '\r';

	test('P M T N and I change the sort and its mark', async () => {
		const ui = mount(120, 30);
		await frameWith(ui, text => text.includes('CPU%▼'));
		ui.stdin.write('N');
		await frameWith(ui, text => /PID▲/.test(text) && text.includes('PID▲ ·'));
		ui.stdin.write('I');
		await frameWith(ui, text => /PID▼/.test(text));
		ui.stdin.write('M');
		await frameWith(ui, text => text.includes('MEM%▼'));
		ui.stdin.write('T');
		await frameWith(ui, text => text.includes('TIME+▼'));
	});

	test('. opens the sort menu; picking an entry sorts by it', async () => {
		const ui = mount(120, 30);
		await frameWith(ui, text => text.includes('CPU%▼'));
		ui.stdin.write('.');
		await frameWith(ui, text => text.includes('Sort by'));
		ui.stdin.write(DOWN);
		ui.stdin.write(ENTER);
		await frameWith(ui, text => text.includes('MEM%▼'));
	});

	test('u picks a user; only their processes remain', async () => {
		const ui = mount(120, 30);
		await frameWith(ui, text => text.includes('mallory'));
		ui.stdin.write('u');
		await frameWith(ui, text => text.includes('Show processes of'));
		ui.stdin.write(DOWN); // root (3) comes first, then alice (2), then mallory (1)
		ui.stdin.write(DOWN);
		ui.stdin.write(DOWN);
		ui.stdin.write(ENTER);
		const frame = await frameWith(ui, text => text.includes('user mallory'));
		expect(frame).toContain('evil');
		expect(frame).not.toContain('sshd');
	});

	test('d sets the refresh interval; a bad value is refused with a message', async () => {
		const ui = mount(120, 30);
		await frameWith(ui, text => text.includes('0.05s'));
		ui.stdin.write('d');
		await frameWith(ui, text => text.includes('Refresh every (seconds, 0.1–3600): 0.05'));
		// The current value is pre-filled and selected: typing replaces it (it never becomes 0.052.5).
		ui.stdin.write('2.5');
		ui.stdin.write(ENTER);
		await frameWith(ui, text => text.includes('refresh every 2.5 s') && text.includes('2.5s'));
		ui.stdin.write('d');
		ui.stdin.write('abc');
		ui.stdin.write(ENTER);
		await frameWith(ui, text => text.includes('"abc" is not a refresh interval: use seconds from 0.1 to 3600 seconds (1 hour)'));
		ui.stdin.write('d');
		ui.stdin.write('1e9');
		ui.stdin.write(ENTER);
		await frameWith(ui, text => text.includes('"1e9" is not a refresh interval'));
		expect(strip(ui.lastFrame() ?? '')).toContain('2.5s');
	});

	test('Z pauses: the list stops changing until resumed', async () => {
		const ui = mount(120, 30);
		await frameWith(ui, text => text.includes('sshd'));
		ui.stdin.write('Z');
		await frameWith(ui, text => text.includes('PAUSED'));
		world = [...world, rawProcess({pid: 999, name: 'latecomer', command: 'latecomer'})];
		await sleep(300); // six intervals: asserting that nothing happens takes a wait
		expect(strip(ui.lastFrame() ?? '')).not.toContain('latecomer');
		ui.stdin.write('Z');
		await frameWith(ui, text => text.includes('latecomer') && !text.includes('PAUSED'));
		world = world.filter(process => process.pid !== 999);
	});

	test('search jumps without hiding; n goes to the next match', async () => {
		const ui = mount(120, 30, {sort: 'pid'});
		await frameWith(ui, text => text.includes('sshd'));
		ui.stdin.write('/');
		ui.stdin.write('bash');
		const frame = await frameWith(ui, text => text.includes('Search: bash') && text.includes('1 match'));
		expect(frame).toContain('sshd'); // nothing hidden
		ui.stdin.write(ENTER);
		// The search selected 200 bash; n finds the next match (wrapping to it again, the only one).
		await frameWith(ui, () => selectedRow(ui).includes('-bash'));
		ui.stdin.write('/');
		ui.stdin.write('node');
		await frameWith(ui, () => selectedRow(ui).includes('node server.js'));
		ui.stdin.write(ENTER);
		ui.stdin.write('\u001b[H'); // Home: away from the match
		await frameWith(ui, () => selectedRow(ui).includes('/sbin/init'));
		ui.stdin.write('n');
		await frameWith(ui, () => selectedRow(ui).includes('node server.js'));
	});

	test('F follows the selected process', async () => {
		const ui = mount(120, 30);
		await frameWith(ui, text => text.includes('sshd'));
		ui.stdin.write('F');
		const frame = await frameWith(ui, text => text.includes('following'));
		expect(frame).toMatch(/following \d+ \S+/); // names the process it follows
		expect(frame).toContain('· following ·'); // and the status bar keeps saying so
	});

	test('tree keys: - collapses with a hidden count, + and * expand', async () => {
		const table = counting(() => world);
		const ui = mount(120, 30, {tree: true, sort: 'pid'}, fakeSampler(table.tables));
		await frameWith(ui, text => text.includes('└─ node server.js'));
		ui.stdin.write(DOWN); // sshd
		await frameWith(ui, () => selectedRow(ui).includes('sshd'));
		ui.stdin.write('-');
		const collapsed = await frameWith(ui, text => text.includes('[+2] /usr/sbin/sshd'));
		expect(collapsed).not.toContain('node server.js');
		await afterReads(table.reads, 2); // collapsed branches survive refreshes
		expect(strip(ui.lastFrame() ?? '')).toContain('[+2]');
		ui.stdin.write('*');
		await frameWith(ui, text => text.includes('node server.js'));
	});
});

describe('App actions (fake kill)', () => {
	test('the signal menu keeps the target captured when it opened, whatever the list does meanwhile', async () => {
		// Identity as /proc would report it, from the same world: every fake process started at tick 100.
		const platform = fakePlatform({world: () => world});
		const {sent} = platform;
		const table = counting(() => world);
		const ui = render(<App options={{...options, sort: 'pid'}} sampler={fakeSampler(table.tables)} platform={platform} viewport={{columns: 120, rows: 30}} />);
		mounted.push(ui);
		await frameWith(ui, text => text.includes('sshd'));
		ui.stdin.write('P'); // sort by CPU from here on
		ui.stdin.write('\u001b[B'); // pid 100, sshd: typed before the re-sorted frame is drawn
		ui.stdin.write('k');
		await frameWith(ui, text => text.includes('Target: 100 sshd'));
		// While the menu is open the list refreshes and re-sorts under it: pid 400 gets busy.
		const before = world;
		let ticks = 0;
		world = world.map(process =>
			process.pid === 400
				? {
						...process,
						get cpuTicks() {
							ticks += 50;
							return ticks;
						},
					}
				: process,
		);
		await afterReads(table.reads, 3);
		expect(strip(ui.lastFrame() ?? '')).toContain('Target: 100 sshd');
		ui.stdin.write('\r');
		await frameWith(ui, text => text.includes('sent SIGTERM to 100 sshd') || text.includes('100 sshd exited'));
		expect(sent).toEqual([[100, 'SIGTERM']]);
		world = before;
	});

	test('--readonly: k and renice say signals are disabled and nothing is sent', async () => {
		const platform = fakePlatform({world: () => world});
		const ui = render(
			<App options={{...options, readonly: true}} sampler={fakeSampler(() => world)} platform={platform} viewport={{columns: 120, rows: 30}} />,
		);
		mounted.push(ui);
		const list = await frameWith(ui, text => text.includes('sshd'));
		// Nothing that acts is offered, and each of its keys says so at once (no menu to fill in first).
		expect(list).not.toContain('k Kill');
		for (const key of ['k', ']', '[', 'R', 'X']) {
			ui.stdin.write('\u0015'); // something else first, so each message is new
			ui.stdin.write(key);
			const frame = await frameWith(ui, text => text.includes('read-only: signals and renice are disabled (--readonly)'));
			expect(frame).not.toMatch(/Send a signal|Nice value|SIGTERM .*\?/);
			ui.stdin.write('\u001b');
		}
		expect(platform.sent).toEqual([]);
	});
});

describe('App restarts', () => {
	test('a process killed from proctop and started again by a supervisor shows as a new, marked row', async () => {
		let current = [
			rawProcess({pid: 1, ppid: 0, name: 'init', command: '/sbin/init'}),
			rawProcess({pid: 500, name: 'daemon', command: '/usr/sbin/daemon --serve', startTicks: '100'}),
		];
		const platform = fakePlatform({
			world: () => current,
			kill: pid => {
				// The supervisor restarts it at once, under a new pid.
				current = current.filter(process => process.pid !== pid);
				setTimeout(() => (current = [...current, rawProcess({pid: 501, name: 'daemon', command: '/usr/sbin/daemon --serve', startTicks: '900'})]), 150);
			},
		});
		const ui = render(<App options={{...options, sort: 'pid'}} sampler={fakeSampler(() => current)} platform={platform} viewport={{columns: 140, rows: 30}} />);
		mounted.push(ui);
		await frameWith(ui, text => text.includes('daemon --serve'));
		ui.stdin.write('\u001b[B');
		await frameWith(ui, () => selectedRow(ui).includes('daemon --serve'));
		ui.stdin.write('k');
		await frameWith(ui, text => text.includes('Target: 500 daemon'));
		ui.stdin.write('\r');
		const frame = await frameWith(ui, text => text.includes('501 daemon restarted (same command as 500, which was killed)'));
		expect(frame).toMatch(/501 .*\[restarted\] \/usr\/sbin\/daemon --serve/);
		expect(frame).not.toMatch(/^\s+500 /m);
	});

	test('a costly refresh says so in the status bar and names the key; nothing slows down by itself', async () => {
		// A sampler that really burns ~60 ms of CPU per 100 ms tick: proctop's own CPU is then well over the threshold.
		const real = fakeSampler(() => world);
		const costly = {
			...real,
			async sample() {
				const until = performance.now() + 60;
				while (performance.now() < until) {}
				return real.sample();
			},
		};
		const ui = mount(120, 20, {intervalMs: 100}, costly);
		const frame = await frameWith(ui, text => text.includes('% CPU at a 0.1s refresh; d sets a slower one'));
		expect(frame).toMatch(/proctop uses \d+% CPU at a 0\.1s refresh; d sets a slower one/);
		expect(frame).toContain('0.1s'); // the interval is still the one asked for
	});
});
