// Bench helper: starts N idle `sleep` processes in their own process group and removes them.
import {spawn} from 'node:child_process';
import {readdirSync} from 'node:fs';

export function countProcesses() {
	return readdirSync('/proc').filter(name => /^\d+$/.test(name)).length;
}

/** Starts `count` extra sleeps (one shell parent, detached group); resolves once they all exist. */
export async function startSleepers(count) {
	if (count === 0) return {stop: async () => {}};
	const before = countProcesses();
	const shell = spawn('sh', ['-c', `i=0; while [ $i -lt ${count} ]; do sleep 3600 & i=$((i+1)); done; wait`], {detached: true, stdio: 'ignore'});
	const deadline = Date.now() + 60_000;
	while (countProcesses() < before + count && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 100));
	return {
		async stop() {
			try {
				process.kill(-shell.pid, 'SIGKILL');
			} catch {}
			const end = Date.now() + 30_000;
			while (countProcesses() > before + 5 && Date.now() < end) await new Promise(resolve => setTimeout(resolve, 100));
		},
	};
}

/** This process's CPU ms plus that of its reaped children (from /proc/self/stat cutime+cstime). */
export async function cpuMsWithChildren() {
	const {readFileSync} = await import('node:fs');
	const stat = readFileSync('/proc/self/stat', 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const childrenTicks = Number(fields[13]) + Number(fields[14]);
	const own = process.cpuUsage();
	return (own.user + own.system) / 1000 + childrenTicks * 10;
}
