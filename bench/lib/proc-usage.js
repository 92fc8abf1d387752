// Bench helper: CPU time and RSS of any pid, straight from /proc.
import {readFileSync} from 'node:fs';

const CLOCK_TICKS = 100;

export function cpuSeconds(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

export function residentMiB(pid) {
	const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** CPU % of one core used by `pid` over `ms`, sampled from /proc. */
export async function cpuPercentOver(pid, ms) {
	const before = cpuSeconds(pid);
	const start = performance.now();
	await new Promise(resolve => setTimeout(resolve, ms));
	return ((cpuSeconds(pid) - before) / ((performance.now() - start) / 1000)) * 100;
}
