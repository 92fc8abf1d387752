// Test edge: the real interactive runner (terminal handling, Ink, App) over a real /proc source
// with one fault injected, chosen by argv[2]. Bundled by the test with esbuild and run in a pty.
//   throw-in-timer   an uncaught exception from a timer after the first frame
//   throw-in-render  a process whose name throws while the table is drawn (render error)
//   console-noise    a dependency that console.logs and console.errors on every refresh
//   slow-ui-load     the UI (Ink, React) takes 3 s to load after the first frame is painted
//   none             no fault
// A further argument --mouse turns mouse reporting on, as the flag does.

import {createProcfsSource} from '../../source/platform/linux/procfs.js';
import {createProcfsSystemReader} from '../../source/platform/meters.js';
import {createLinuxPlatform} from '../../source/platform/platform.js';
import {createSampler, type Sampler} from '../../source/sampling/sampler.js';
import type {Options} from '../../source/types.js';
import {firstFrame} from '../../source/ui/first-frame.js';
import {testOptions} from './ui.js';

const fault = process.argv[2] ?? 'none';
const realSampler = createSampler({source: createProcfsSource(), cores: 2});
let samples = 0;
// The fault goes into the finished snapshot, so it fires while the table is drawn, not sampled.
const sampler: Sampler = {
	source: realSampler.source,
	async sample() {
		const snapshot = await realSampler.sample();
		samples++;
		if (fault === 'throw-in-render' && samples >= 2) {
			for (const process of snapshot.processes) {
				for (const field of ['name', 'command']) {
					Object.defineProperty(process, field, {
						get() {
							throw new Error('injected render fault');
						},
					});
				}
			}
		}
		return snapshot;
	},
};
const procSystem = createProcfsSystemReader();
const meters = {
	async read() {
		if (fault === 'console-noise') {
			console.log('noise from a dependency on stdout');
			console.error('noise from a dependency on stderr');
		}
		return procSystem.read();
	},
};
if (fault === 'throw-in-timer')
	setTimeout(() => {
		throw new Error('injected uncaught fault');
	}, 1500);

const options: Options = testOptions({intervalMs: 300, readonly: true, mouse: process.argv.includes('--mouse')});
// The real Linux platform with the noisy meters in place of its own.
const platform = {...createLinuxPlatform(), meters};
// As cli.tsx starts the UI: the first frame painted before the runner takes the terminal.
const first = await firstFrame({options, sampler, platform});
if (fault === 'slow-ui-load') await new Promise(resolve => setTimeout(resolve, 3000));
const {runInteractive} = await import('../../source/ui/run-interactive.js');
const code = await runInteractive({options, sampler, platform, first});
process.exitCode = code;
