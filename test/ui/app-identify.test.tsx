import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import type {RawProcess} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import {fakePlatform} from '../helpers/fake-platform.js';
import {fakeSampler, rawProcess} from '../helpers/fake-sampler.js';
import {frameWith, selectedRow, testOptions} from '../helpers/ui.js';

const world = [
	rawProcess({pid: 1, ppid: 0, name: 'init', command: '/sbin/init'}),
	rawProcess({pid: 100, name: 'node', command: 'node worker.js', cpuTicks: 0}),
	rawProcess({pid: 101, name: 'node', command: 'node worker.js'}),
	rawProcess({pid: 102, name: 'node', command: 'node worker.js'}),
	rawProcess({pid: 200, name: 'nginx', command: '/usr/sbin/nginx'}),
];
const mounted: Array<ReturnType<typeof render>> = [];
afterEach(() => {
	for (const ui of mounted.splice(0)) ui.unmount();
});

/** The App over a fixed table, 140×30, sorted as asked; kill and renice recorded on `platform`. */
function mount(table: RawProcess[], sort: 'name' | 'pid') {
	const platform = fakePlatform({world: () => table});
	const ui = render(<App options={testOptions({sort})} sampler={fakeSampler(() => table)} platform={platform} viewport={{columns: 140, rows: 30}} />);
	mounted.push(ui);
	return {ui, platform};
}

describe('group by app (A)', () => {
	test('folds processes into one row per app; + opens it; acting on the group row asks to open or tag it; space tags all', async () => {
		const {ui, platform} = mount(world, 'name');
		await frameWith(ui, text => text.includes('nginx'));
		ui.stdin.write('A');
		const grouped = await frameWith(ui, text => text.includes('3 processes'));
		expect(grouped).toMatch(/\[\+\] 3 processes/);
		expect(grouped).not.toMatch(/^\s+101 /m);
		ui.stdin.write('\u001b[B'); // init, then the worker.js group
		ui.stdin.write('\u001b[B');
		await frameWith(ui, () => selectedRow(ui).includes('3 processes'));
		expect(selectedRow(ui)).toMatch(/^\s+alice/); // no pid on a group row
		ui.stdin.write('k');
		await frameWith(ui, text => text.includes('a group of 3 processes: + opens it, space tags them all'));
		expect(platform.sent).toEqual([]);
		ui.stdin.write('+');
		const open = await frameWith(ui, text => /├─ .*node worker\.js/.test(text));
		expect(open.match(/[├└]─ /g)).toHaveLength(3);
		ui.stdin.write(' ');
		ui.stdin.write('k');
		const menu = await frameWith(ui, text => text.includes('Send a signal'));
		expect(menu).toContain('Targets: 3 tagged processes');
		expect(menu).toMatch(/102 node/);
		ui.stdin.write('\u001b');
		await frameWith(ui, text => !text.includes('Send a signal'));
		ui.stdin.write('A');
		await frameWith(ui, text => /^\s+101 alice/m.test(text));
	});
});

describe('a child of npm run / nodemon / --watch', () => {
	test('the signal menu names the parent that would restart it; Tab targets the parent; Enter signals only it', async () => {
		const family = [
			rawProcess({pid: 1, ppid: 0, name: 'init', command: '/sbin/init'}),
			rawProcess({pid: 300, ppid: 1, name: 'npm run dev', command: 'npm run dev'}),
			rawProcess({pid: 301, ppid: 300, name: 'node', command: 'node server.js'}),
		];
		const {ui, platform} = mount(family, 'pid');
		await frameWith(ui, text => text.includes('node server.js'));
		ui.stdin.write('\u001b[F'); // End: 301 node
		await frameWith(ui, () => selectedRow(ui).includes('node server.js'));
		ui.stdin.write('k');
		const menu = await frameWith(ui, text => text.includes('Target: 301 node'));
		expect(menu).toContain('300 npm run dev, which started it, may start it again; Tab targets that instead');
		ui.stdin.write('\t');
		const parent = await frameWith(ui, text => text.includes('Target: 300 npm run dev'));
		expect(parent).not.toContain('which started it');
		ui.stdin.write('\r');
		await frameWith(ui, text => text.includes('sent SIGTERM to 300 npm run dev'));
		expect(platform.sent).toEqual([[300, 'SIGTERM']]);
	});

	test('a process whose parent does not restart it gets no offer, and Tab says so', async () => {
		const {ui} = mount(world, 'pid');
		await frameWith(ui, text => text.includes('nginx'));
		ui.stdin.write('\u001b[F');
		await frameWith(ui, () => selectedRow(ui).includes('nginx'));
		ui.stdin.write('k');
		const menu = await frameWith(ui, text => text.includes('Target: 200 nginx'));
		expect(menu).not.toContain('which started it');
		ui.stdin.write('\t');
		await frameWith(ui, text => text.includes('its parent does not restart it'));
	});
});
