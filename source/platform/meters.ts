// Header meters: memory, swap, uptime, load average, host name (and per-core load off Linux).
// I/O: on Linux one read of /proc/meminfo plus node:os; elsewhere systeminformation's
// side-effect-free calls (mem, currentLoad), loaded lazily so the first frame never waits for it.
//
// Measured per call on the 2-core dev machine (bench/system-calls.js): si.mem() 0.37 ms CPU vs
// 0.03 ms to read /proc/meminfo directly (12×); si.time() 1.2 ms CPU (it spawns work for the
// time zone) vs 0.01 ms for os.uptime(); si.currentLoad() 0.03 ms. So Linux reads the file.

import {hostname, loadavg, uptime} from 'node:os';
import type {SystemSample} from '../types.js';
import {readProcFile} from './linux/proc-files.js';
import {parseMeminfo} from './linux/procfs-parse.js';

export type SystemReader = {read(): Promise<SystemSample & {cpuPercentPerCore?: number[]}>};

function common(): Pick<SystemSample, 'hostname' | 'uptimeSeconds' | 'loadAverage'> {
	const [one = 0, five = 0, fifteen = 0] = loadavg();
	return {hostname: hostname(), uptimeSeconds: uptime(), loadAverage: [one, five, fifteen]};
}

/** The /proc/meminfo lines the header uses. */
const MEMINFO_KEYS: ReadonlySet<string> = new Set([
	'MemTotal',
	'MemAvailable',
	'MemFree',
	'Cached',
	'Buffers',
	'SReclaimable',
	'Shmem',
	'SwapTotal',
	'SwapFree',
]);

/** Linux: /proc/meminfo (MemAvailable-based "used", as htop and free(1) compute it). */
export function createProcfsSystemReader(procRoot = '/proc'): SystemReader {
	return {
		async read() {
			const info = parseMeminfo(readProcFile(`${procRoot}/meminfo`).toString('latin1'), MEMINFO_KEYS);
			const total = info.get('MemTotal') ?? 0;
			const available = info.get('MemAvailable') ?? (info.get('MemFree') ?? 0) + (info.get('Cached') ?? 0);
			const swapTotal = info.get('SwapTotal') ?? 0;
			return {
				...common(),
				memory: {
					totalBytes: total,
					usedBytes: Math.max(0, total - available),
					availableBytes: available,
					buffersBytes: info.get('Buffers') ?? 0,
					// As htop counts the cache: reclaimable slab too, shared memory not (it cannot be dropped).
					cachedBytes: Math.max(0, (info.get('Cached') ?? 0) + (info.get('SReclaimable') ?? 0) - (info.get('Shmem') ?? 0)),
				},
				swap: {totalBytes: swapTotal, usedBytes: Math.max(0, swapTotal - (info.get('SwapFree') ?? 0))},
			};
		},
	};
}

/** Other platforms: systeminformation (never given any user input). */
export function createSiSystemReader(): SystemReader {
	return {
		async read() {
			const si = (await import('systeminformation')).default;
			const [memory, load] = await Promise.all([si.mem(), si.currentLoad()]);
			return {
				...common(),
				memory: {totalBytes: memory.total, usedBytes: memory.active, availableBytes: memory.available},
				swap: {totalBytes: memory.swaptotal, usedBytes: memory.swapused},
				cpuPercentPerCore: load.cpus.map(cpu => cpu.load),
			};
		},
	};
}

export function selectSystemReader(platform: NodeJS.Platform = process.platform): SystemReader {
	return platform === 'linux' ? createProcfsSystemReader() : createSiSystemReader();
}
