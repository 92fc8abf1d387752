// Test edge: a Source that replays scripted process tables and injects faults on chosen reads:
// a failed read (EIO), rows that vanish, garbled rows, counters that run backwards, hidepid.

import type {RawProcess, Source, SourceTable} from '../../source/types.js';

export type Fault = 'none' | 'throw' | 'vanish-half' | 'garbled' | 'backwards' | 'hidepid';

export function faultySource(base: () => RawProcess[], faults: Fault[]): Source & {reads: () => number} {
	let reads = 0;
	return {
		name: 'procfs',
		cpuKind: 'delta',
		clockTicks: 100,
		bootTimeMs: 1_700_000_000_000,
		reads: () => reads,
		async read(): Promise<SourceTable> {
			const fault = faults[reads] ?? 'none';
			reads++;
			let processes = base().map(process => ({...process, cpuTicks: process.cpuTicks + reads * 10}));
			let garbled = 0;
			let limited = false;
			switch (fault) {
				case 'throw':
					throw Object.assign(new Error('EIO: i/o error, read'), {code: 'EIO'});
				case 'vanish-half':
					processes = processes.filter((_, index) => index === 0 || index % 2 === 1);
					break;
				case 'garbled':
					garbled = 3;
					break;
				case 'backwards':
					processes = processes.map(process => ({...process, cpuTicks: 0}));
					break;
				case 'hidepid':
					limited = true;
					processes = processes.filter(process => process.user === 'alice');
					break;
				default:
					break;
			}
			return {processes, garbled, limited, memoryTotalBytes: 8 * 2 ** 30, cpus: [{busy: reads * 10, total: reads * 100}]};
		},
	};
}
