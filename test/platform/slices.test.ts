import {describe, expect, test} from 'vitest';
import {createProcfsSource} from '../../source/platform/linux/procfs.js';
import {SLICE_MS, type SliceTimer, sliceTimer} from '../../source/platform/linux/slices.js';
import {writeProcTree} from '../helpers/proc-builder.js';

describe('sliceTimer', () => {
	test('due once SLICE_MS have passed, looking at the clock only every 64 steps; restart begins a new slice', () => {
		let now = 1000;
		let looks = 0;
		const timer = sliceTimer(SLICE_MS, () => {
			looks++;
			return now;
		});
		const stepsUntilDue = () => {
			for (let step = 1; step <= 10_000; step++) if (timer.due()) return step;
			return undefined;
		};
		now += SLICE_MS - 1;
		const looksBefore = looks;
		expect(stepsUntilDue()).toBeUndefined(); // not yet a slice's worth of time
		expect(looks - looksBefore).toBe(Math.floor(10_000 / 64)); // the clock once per 64 steps
		now += 1;
		const steps = stepsUntilDue();
		expect(steps).toBeGreaterThan(0);
		expect(steps).toBeLessThanOrEqual(64);
		timer.restart();
		now += 50;
		expect(stepsUntilDue()).toBe(64); // restart began the count of steps again
		timer.restart();
		expect(stepsUntilDue()).toBeUndefined(); // and the slice's time
	});

	test('the real clock: a busy loop comes due after about SLICE_MS, not before', () => {
		const started = process.hrtime.bigint();
		const timer = sliceTimer();
		while (!timer.due()) {}
		expect(Number(process.hrtime.bigint() - started) / 1e6).toBeGreaterThanOrEqual(SLICE_MS);
	});
});

describe('the procfs walk yields when its slice is due', () => {
	test('every due slice lets queued callbacks run mid-walk, and the table read is the same as without slices', async () => {
		const proc = writeProcTree(Array.from({length: 300}, (_, index) => ({pid: index + 1, comm: `p${index + 1}`, starttime: index + 1})));
		const events: string[] = [];
		let steps = 0;
		/** Due every 100 processes; each time, a callback is queued as a key press would be. */
		const counting = (): SliceTimer => ({
			due() {
				if (++steps % 100 !== 0) return false;
				setImmediate(() => events.push(`callback after ${steps}`));
				return true;
			},
			restart: () => events.push(`restarted at ${steps}`),
		});
		const sliced = await createProcfsSource({procRoot: proc.root, slices: counting}).read();
		const whole = await createProcfsSource({procRoot: proc.root, slices: () => ({due: () => false, restart() {}})}).read();
		expect(events).toEqual(['callback after 100', 'restarted at 100', 'callback after 200', 'restarted at 200', 'callback after 300', 'restarted at 300']);
		expect(sliced.processes.map(process => process.pid)).toEqual(whole.processes.map(process => process.pid));
		expect(sliced.processes).toHaveLength(300);
		proc.cleanup();
	});
});
