// The setup screen (S), as htop's Setup › Columns: Space shows or hides a column, < and > move
// it, d goes back to the default set, Esc closes; the table follows at once and the choice is
// remembered through saveSettings.
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test, vi} from 'vitest';
import type {Settings} from '../../source/config.js';
import type {ColumnId} from '../../source/model/columns.js';
import {App} from '../../source/ui/app.js';
import {moveColumn, setupEntries, toggleColumn} from '../../source/ui/lines/setup-view.js';
import {fakePlatform} from '../helpers/fake-platform.js';
import {counting, fakeSampler, rawProcess} from '../helpers/fake-sampler.js';
import {afterReads, frameWith, strip, testOptions} from '../helpers/ui.js';

const ESC = '\u001b';
const DOWN = '\u001b[B';
const mounted: Array<ReturnType<typeof render>> = [];
afterEach(() => {
	for (const ui of mounted.splice(0)) ui.unmount();
});

async function mount(columns?: ColumnId[]) {
	const world = [
		rawProcess({pid: 1, ppid: 0, name: 'init', command: '/sbin/init', user: 'root'}),
		rawProcess({pid: 300, ppid: 1, name: 'server', command: 'node server.js', user: 'alice'}),
	];
	const table = counting(() => world);
	const saved: Settings[] = [];
	const ui = render(
		<App
			options={testOptions({sort: 'pid', ...(columns ? {columns} : {})})}
			sampler={fakeSampler(table.tables)}
			platform={fakePlatform({world: () => world})}
			viewport={{columns: 120, rows: 40}}
			saveSettings={settings => void saved.push(settings)}
		/>,
	);
	mounted.push(ui);
	await frameWith(ui, text => text.includes('node server.js'));
	await afterReads(table.reads, 1);
	return {ui, saved};
}

const titleRow = (frame: string) => frame.split('\n').find(line => /PID/.test(line) && /COMMAND/.test(line)) ?? '';

describe('the setup screen', () => {
	test('S lists every column, shown ones first and ticked; Space hides one; Esc closes; the table and the settings follow', async () => {
		const {ui, saved} = await mount();
		ui.stdin.write('S');
		const setup = await frameWith(ui, text => text.includes('Setup: columns'));
		expect(setup).toMatch(/>\[x\] PID\s+process id/);
		expect(setup).toMatch(/\[ \] TTY\s+controlling terminal/);
		expect(setup).toMatch(/\[x\] PORTS.*\(while any process has one\)/);
		ui.stdin.write(DOWN); // USER
		ui.stdin.write(' ');
		await frameWith(ui, text => /\[ \] USER/.test(text) && /the table's columns|as you chose them/.test(text));
		ui.stdin.write(ESC);
		const table = await frameWith(ui, text => !text.includes('Setup: columns') && text.includes('node server.js'));
		expect(titleRow(table)).toMatch(/^\s+PID▲ /);
		expect(titleRow(table)).not.toContain('USER');
		expect(table).not.toContain('alice');
		// Saved by an effect, which React may run after the frame is written: wait for it.
		await vi.waitFor(() =>
			expect(saved.at(-1)?.columns).toEqual([
				'pid',
				'priority',
				'nice',
				'virtual',
				'resident',
				'state',
				'cpu',
				'memory',
				'time',
				'threads',
				'service',
				'ports',
				'app',
				'command',
			]),
		);
	});

	test('a hidden column shown again goes before COMMAND; < and > move it; d restores the default', async () => {
		const {ui, saved} = await mount(['pid', 'command']);
		ui.stdin.write('S');
		await frameWith(ui, text => text.includes('Setup: columns') && text.includes('as you chose them'));
		// The list: PID, COMMAND (shown), then the hidden ones in the table's order: PPID is third.
		for (let press = 0; press < 2; press++) ui.stdin.write(DOWN);
		ui.stdin.write(' ');
		await frameWith(ui, text => /\[x\] PPID/.test(text));
		ui.stdin.write('<');
		ui.stdin.write(ESC);
		let table = await frameWith(ui, text => !text.includes('Setup: columns') && text.includes('node server.js'));
		expect(strip(titleRow(table))).toMatch(/^\s+PPID\s+PID▲ COMMAND/);
		await vi.waitFor(() => expect(saved.at(-1)?.columns).toEqual(['ppid', 'pid', 'command']));
		ui.stdin.write('S');
		await frameWith(ui, text => text.includes('Setup: columns'));
		ui.stdin.write('d');
		await frameWith(ui, text => text.includes('the default set') && text.includes('the default columns again'));
		ui.stdin.write(ESC);
		table = await frameWith(ui, text => !text.includes('Setup: columns') && /USER/.test(titleRow(text)));
		await vi.waitFor(() => expect(saved.at(-1)).not.toHaveProperty('columns'));
	});

	test('the last column cannot be hidden, and only a shown column moves', async () => {
		const {ui} = await mount(['command']);
		ui.stdin.write('S');
		await frameWith(ui, text => text.includes('Setup: columns'));
		ui.stdin.write(' ');
		await frameWith(ui, text => text.includes('the table needs at least one column'));
		ui.stdin.write(DOWN);
		ui.stdin.write('>');
		await frameWith(ui, text => text.includes('only a shown column moves'));
	});
});

describe('setup edits (pure)', () => {
	test('entries, toggling and moving', () => {
		const chosen: ColumnId[] = ['pid', 'user', 'command'];
		expect(setupEntries(chosen).slice(0, 4)).toEqual([
			{id: 'pid', shown: true},
			{id: 'user', shown: true},
			{id: 'command', shown: true},
			{id: 'ppid', shown: false},
		]);
		expect(toggleColumn(chosen, 3)).toEqual({columns: ['pid', 'user', 'ppid', 'command'], index: 2});
		expect(toggleColumn(chosen, 1)).toEqual({columns: ['pid', 'command'], index: 1});
		expect(moveColumn(chosen, 1, -1)).toEqual({columns: ['user', 'pid', 'command'], index: 0});
		expect(moveColumn(chosen, 2, 1)).toEqual({refused: 'it is the last column already'});
		// Every column but the CPU GRAPH (C) is listed once.
		expect(new Set(setupEntries(undefined).map(entry => entry.id)).size).toBe(setupEntries(undefined).length);
		expect(setupEntries(undefined).map(entry => entry.id)).not.toContain('cpu_graph');
	});
});
