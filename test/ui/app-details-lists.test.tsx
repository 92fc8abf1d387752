// The details view's lists: e shows the environment, l the open files (htop's lsof screen);
// the same key or Esc goes back; what cannot be read says why.
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import type {Platform} from '../../source/platform/platform.js';
import {App} from '../../source/ui/app.js';
import {fakePlatform} from '../helpers/fake-platform.js';
import {counting, fakeSampler, rawProcess} from '../helpers/fake-sampler.js';
import {afterReads, frameWith, testOptions} from '../helpers/ui.js';

const ESC = '\u001b';
const mounted: Array<ReturnType<typeof render>> = [];
afterEach(() => {
	for (const ui of mounted.splice(0)) ui.unmount();
});

async function mount(overrides: Partial<Platform>) {
	const world = [rawProcess({pid: 300, ppid: 1, name: 'server', command: 'node server.js'})];
	const table = counting(() => world);
	const ui = render(
		<App
			options={testOptions({sort: 'pid'})}
			sampler={fakeSampler(table.tables)}
			platform={fakePlatform({world: () => world, ...overrides})}
			viewport={{columns: 100, rows: 30}}
		/>,
	);
	mounted.push(ui);
	await frameWith(ui, text => text.includes('node server.js'));
	await afterReads(table.reads, 1);
	ui.stdin.write('\r');
	await frameWith(ui, text => text.includes('Command'));
	return ui;
}

describe('details: environment and open files', () => {
	test('e lists the environment (long values wrap), l the open files with their kinds; e, l or Esc go back', async () => {
		const ui = await mount({
			readEnvironment: () => ['HOME=/home/alice', `PATH=${'/usr/local/bin:'.repeat(12)}/usr/bin`, 'SECRET_LOOKING=\\e[2J'],
			readOpenFiles: () => [
				{fd: 0, kind: 'device', target: '/dev/null'},
				{fd: 3, kind: 'file', target: '/var/log/app.log'},
				{fd: 7, kind: 'socket', target: 'socket:[4242] tcp 0.0.0.0:3000 (listening)'},
			],
		});
		ui.stdin.write('e');
		const environment = await frameWith(ui, text => text.includes('environment: 3'));
		expect(environment).toContain('HOME=/home/alice');
		// PATH is longer than the screen is wide: wrapped onto the next lines, its end still there.
		expect(environment).toMatch(/^PATH=\/usr\/local\/bin:/m);
		expect(environment).toMatch(/^\S*:\/usr\/bin$/m);
		expect(environment).not.toContain('…');
		ui.stdin.write('l');
		const files = await frameWith(ui, text => text.includes('open files: 3'));
		expect(files).toMatch(/FD\s+TYPE\s+NAME/);
		expect(files).toMatch(/3\s+file\s+\/var\/log\/app\.log/);
		expect(files).toMatch(/7\s+socket\s+socket:\[4242\] tcp 0\.0\.0\.0:3000 \(listening\)/);
		ui.stdin.write('l');
		await frameWith(ui, text => text.includes('Command') && !text.includes('open files:'));
		ui.stdin.write('e');
		await frameWith(ui, text => text.includes('environment: 3'));
		ui.stdin.write(ESC);
		await frameWith(ui, text => text.includes('PID') && text.includes('node server.js') && !text.includes('environment'));
	});

	test("another user's environment: why it cannot be read, never an empty list", async () => {
		const ui = await mount({readEnvironment: () => ({unavailable: 'n/a (permission)'})});
		ui.stdin.write('e');
		await frameWith(ui, text => text.includes("n/a (permission): another user's environment can be read only as root"));
	});
});
