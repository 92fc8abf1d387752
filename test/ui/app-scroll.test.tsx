// ← and → scroll the COMMAND column of long command lines, as in htop: the guides and marks stay,
// the text moves, the title says how far, and it never scrolls past the longest command.
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {rememberingSampler} from '../../source/history/remembering-sampler.js';
import {createHistory} from '../../source/history/ring.js';
import {App} from '../../source/ui/app.js';
import {COMMAND_SCROLL_STEP} from '../../source/ui/commands/view.js';
import {fakePlatform} from '../helpers/fake-platform.js';
import {counting, fakeSampler, rawProcess} from '../helpers/fake-sampler.js';
import {afterReads, frameWith, strip, testOptions} from '../helpers/ui.js';

const LEFT = '\u001b[D';
const RIGHT = '\u001b[C';
const LONG = `java -Xmx4g -Dconfig.file=/etc/service/application.conf -cp /opt/service/lib/* com.example.Main --tail-marker-${'x'.repeat(10)}END`;
const mounted: Array<ReturnType<typeof render>> = [];
afterEach(() => {
	for (const ui of mounted.splice(0)) ui.unmount();
});

async function mount() {
	const world = [
		rawProcess({pid: 1, ppid: 0, name: 'init', command: '/sbin/init', user: 'root'}),
		rawProcess({pid: 200, ppid: 1, name: 'java', command: LONG}),
	];
	const table = counting(() => world);
	const ui = render(
		<App
			options={testOptions({sort: 'pid'})}
			sampler={fakeSampler(table.tables)}
			platform={fakePlatform({world: () => world})}
			viewport={{columns: 100, rows: 20}}
		/>,
	);
	mounted.push(ui);
	await frameWith(ui, text => text.includes('java -Xmx4g'));
	await afterReads(table.reads, 1);
	return ui;
}

const rowOf = (ui: ReturnType<typeof render>, pid: number) =>
	strip(ui.lastFrame() ?? '')
		.split('\n')
		.find(line => new RegExp(`^\\s*${pid} `).test(line)) ?? '';

describe('scrolling the COMMAND column', () => {
	test('→ shows the rest of a long command line, the title says how far, ← comes back', async () => {
		const ui = await mount();
		expect(rowOf(ui, 200)).not.toContain('END');
		for (let press = 0; press < 20; press++) ui.stdin.write(RIGHT);
		const scrolled = await frameWith(ui, text => strip(text).includes('END'));
		expect(strip(scrolled)).toMatch(/COMMAND ←\d+/);
		expect(rowOf(ui, 200)).not.toContain('java -Xmx4g');
		// Every row moves together: init's short command has scrolled out of sight.
		expect(rowOf(ui, 1)).not.toContain('/sbin/init');
		for (let press = 0; press < 40; press++) ui.stdin.write(LEFT);
		const back = await frameWith(ui, text => strip(text).includes('java -Xmx4g'));
		expect(strip(back)).not.toMatch(/COMMAND ←/);
		expect(rowOf(ui, 1)).toContain('/sbin/init');
	});

	test('→ stops once the longest command shows its end; the first ← after that moves at once', async () => {
		const ui = await mount();
		for (let press = 0; press < 100; press++) ui.stdin.write(RIGHT);
		const far = strip(await frameWith(ui, text => /COMMAND ←\d+/.test(strip(text)) && strip(text).includes('END')));
		const offset = Number(/COMMAND ←(\d+)/.exec(far)![1]);
		expect(offset).toBeLessThanOrEqual(LONG.length - COMMAND_SCROLL_STEP);
		expect(offset).toBeGreaterThan(LONG.length - 2 * COMMAND_SCROLL_STEP);
		ui.stdin.write(LEFT);
		await frameWith(ui, text => strip(text).includes(`COMMAND ←${offset - COMMAND_SCROLL_STEP}`));
	});

	test('a search match stays highlighted where it has scrolled to', async () => {
		const ui = await mount();
		ui.stdin.write('/');
		ui.stdin.write('tail-marker');
		await frameWith(ui, text => strip(text).includes('Search: tail-marker'));
		ui.stdin.write('\r');
		// "--tail-marker" starts 96 cells in: twelve steps bring it to the column's left edge.
		for (let press = 0; press < 12; press++) ui.stdin.write(RIGHT);
		await frameWith(ui, text => /COMMAND ←96/.test(text));
		const row = (ui.lastFrame() ?? '').split('\n').find(line => strip(line).includes('--tail-marker'))!;
		// The match keeps its style (underlined, the highlight) on exactly "tail-marker".
		expect(row).toMatch(/--(\u001b\[[\d;]*m)*tail-marker(\u001b\[[\d;]*m)+-x/);
		expect(row).toContain('\u001b[4m');
	});
});

describe('--columns in the UI', () => {
	test('the table shows exactly the chosen columns in order; C puts the CPU GRAPH before COMMAND', async () => {
		const world = [
			rawProcess({pid: 1, ppid: 0, name: 'init', command: '/sbin/init', user: 'root'}),
			rawProcess({pid: 200, ppid: 1, name: 'vim', command: 'vim notes.txt', tty: (136 << 8) | 5}),
		];
		const table = counting(() => world);
		const history = createHistory({windowMs: 60_000});
		const ui = render(
			<App
				options={testOptions({sort: 'pid', columns: ['tty', 'pid', 'ppid', 'command']})}
				sampler={rememberingSampler(fakeSampler(table.tables), history)}
				history={history}
				platform={fakePlatform({world: () => world})}
				viewport={{columns: 100, rows: 20}}
			/>,
		);
		mounted.push(ui);
		const frame = strip(await frameWith(ui, text => text.includes('vim notes.txt')));
		expect(frame).toMatch(/^TTY\s+PID▲\s+PPID COMMAND\s*$/m);
		expect(frame).toMatch(/^pts\/5\s+200\s+1 vim notes\.txt\s*$/m);
		ui.stdin.write('C');
		await frameWith(ui, text => /^TTY\s+PID▲\s+PPID CPU GRAPH COMMAND/m.test(strip(text)));
		// > and < step through the columns on screen only, as htop's do: PID → PPID → (CPU GRAPH
		// sorts as CPU%) → COMMAND → TTY.
		ui.stdin.write('>');
		await frameWith(ui, text => /^TTY\s+PID\s+PPID▲/m.test(strip(text)));
		ui.stdin.write('<');
		ui.stdin.write('<');
		await frameWith(ui, text => /^TTY▲\s+PID\s+PPID/m.test(strip(text)));
	});
});
