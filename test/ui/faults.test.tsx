import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {createSampler} from '../../source/sampling/sampler.js';
import type {Options} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import {fakePlatform} from '../helpers/fake-platform.js';
import {rawProcess} from '../helpers/fake-sampler.js';
import {type Fault, faultySource} from '../helpers/fault-source.js';
import {afterReads, frameWith, selectedRow, strip, testOptions} from '../helpers/ui.js';

const options: Options = testOptions({intervalMs: 40, sort: 'pid', readonly: true});
const world = () => [
	rawProcess({pid: 1, ppid: 0, name: 'init', command: 'init', user: 'root'}),
	rawProcess({pid: 10, name: 'alpha', command: 'alpha', user: 'alice'}),
	rawProcess({pid: 20, name: 'beta', command: 'beta', user: 'bob'}),
	rawProcess({pid: 30, name: 'gamma', command: 'gamma', user: 'alice'}),
];

const mounted: Array<ReturnType<typeof render>> = [];
afterEach(() => {
	for (const ui of mounted.splice(0)) ui.unmount();
});

function mountWith(faults: Fault[]) {
	const source = faultySource(world, faults);
	const ui = render(<App options={options} sampler={createSampler({source, cores: 1})} platform={fakePlatform()} viewport={{columns: 120, rows: 30}} />);
	mounted.push(ui);
	return {ui, source};
}

describe('faults from /proc', () => {
	test('a failed read is one line in the status bar; the last table stays; the next tick recovers', async () => {
		const {ui, source} = mountWith(['none', 'throw', 'none']);
		const failed = await frameWith(ui, text => text.includes('sampling failed: EIO: i/o error, read'));
		expect(failed).toContain('alpha');
		await frameWith(ui, () => source.reads() > 3);
		expect(strip(ui.lastFrame() ?? '')).toContain('gamma');
	});

	test('rows vanishing between ticks simply go; the selection moves to a neighbour', async () => {
		let vanished = false;
		const source = faultySource(() => (vanished ? world().filter(process => process.pid !== 20) : world()), []);
		const ui = render(<App options={options} sampler={createSampler({source, cores: 1})} platform={fakePlatform()} viewport={{columns: 120, rows: 30}} />);
		mounted.push(ui);
		await frameWith(ui, text => text.includes('beta'));
		ui.stdin.write('\u001b[B'); // alpha (pid 10)
		ui.stdin.write('\u001b[B'); // beta (pid 20)
		await frameWith(ui, () => selectedRow(ui).includes('beta'));
		vanished = true; // beta exits
		const text = await frameWith(ui, text => text.includes('20 beta exited'));
		expect(text).toContain('alpha');
		expect(
			text
				.split('\n')
				.filter(line => /^\s+\d+ /.test(line))
				.map(line => line.trim().split(' ')[0]),
		).toEqual(['1', '10', '30']);
		// The selection went to the neighbour now at beta's place: gamma is drawn selected.
		expect(selectedRow(ui)).toContain('gamma');
	});

	test('counters going backwards give 0 %, never negative or NaN', async () => {
		const {ui, source} = mountWith(['none', 'none', 'backwards', 'backwards']);
		const text = await frameWith(ui, text => text.includes('alpha'));
		await afterReads(source.reads, 3);
		const frame = strip(ui.lastFrame() ?? '');
		expect(frame).not.toMatch(/NaN|-\d+\.\d/);
		expect(text).toContain('alpha');
	});

	test('hidepid: a banner says the list is limited; orphaned roots still show', async () => {
		const {ui} = mountWith(['hidepid', 'hidepid', 'hidepid']);
		const text = await frameWith(ui, text => text.includes('limited: only your own processes are visible'));
		expect(text).toContain('alpha');
		expect(text).not.toContain('beta');
	});

	test('tiny terminals never crash: 1×1, 5×2, 10×3', async () => {
		for (const [columns, rows] of [
			[1, 1],
			[5, 2],
			[10, 3],
		] as const) {
			const source = faultySource(world, []);
			const ui = render(<App options={options} sampler={createSampler({source, cores: 1})} platform={fakePlatform()} viewport={{columns, rows}} />);
			mounted.push(ui);
			await afterReads(source.reads, 2);
			const lines = strip(ui.lastFrame() ?? '').split('\n');
			expect(lines.length).toBeLessThanOrEqual(Math.max(1, rows - 1));
			for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
		}
	});
});
