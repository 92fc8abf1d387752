// Bench helper: starts load (N idle `sleep` processes; churn) in process groups of its own and
// removes it, also when the benchmark is interrupted or killed: a detached group outlives its
// parent, and a churn loop left behind spoils every measurement after it.
import {spawn} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {constants} from 'node:os';

/** The process groups started here and not yet stopped. */
const groups = new Set();

function killGroup(pgid) {
	groups.delete(pgid);
	try {
		process.kill(-pgid, 'SIGKILL');
	} catch {}
}

process.once('exit', () => {
	for (const pgid of groups) killGroup(pgid);
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.once(signal, () => {
		for (const pgid of groups) killGroup(pgid);
		process.exit(128 + constants.signals[signal]);
	});
}

/** `sh -c script` in a process group of its own, killed with this process if not stopped before. */
function detachedShell(script) {
	const shell = spawn('sh', ['-c', script], {detached: true, stdio: 'ignore'});
	groups.add(shell.pid);
	return shell;
}

/** Churn: batches of 40 short-lived sleeps (0.1–0.9 s), started and reaped until stopped. */
export function startChurn() {
	const shell = detachedShell('while true; do i=0; while [ $i -lt 40 ]; do sleep 0.$((i % 9 + 1)) & i=$((i+1)); done; wait; done');
	return {stop: () => killGroup(shell.pid)};
}

export function countProcesses() {
	return readdirSync('/proc').filter(name => /^\d+$/.test(name)).length;
}

/** Starts `count` extra sleeps (one shell parent, detached group); resolves once they all exist. */
export async function startSleepers(count) {
	if (count === 0) return {stop: async () => {}};
	const before = countProcesses();
	const shell = detachedShell(`i=0; while [ $i -lt ${count} ]; do sleep 3600 & i=$((i+1)); done; wait`);
	const deadline = Date.now() + 60_000;
	while (countProcesses() < before + count && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 100));
	return {
		async stop() {
			killGroup(shell.pid);
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
