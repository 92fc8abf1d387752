// Parents that start their child again when it exits (npm and the other package managers' run,
// nodemon, `node --watch`, tsx watch, pm2, forever): signalling only the child may not stop what
// the user wanted stopped, so proctop names the parent and offers it (pure).

const SUPERVISOR = /\bnpm (run|start|exec|test)\b|\bnpx |\byarn |\bpnpm |nodemon|ts-node-dev|\(tsx\)|tsx watch|--watch\b|\bpm2\b|\bforever\b/;

export function isSupervisor(process: {app: string; command: string}): boolean {
	return SUPERVISOR.test(`${process.app} ${process.command}`);
}

/** A shell that only runs one command (`sh -c "node server.js"`, as npm runs scripts). */
const WRAPPER = /^(ba|da|z)?sh -c /;

/**
 * The ancestor that would start this process again, if any: its parent, or the first one above
 * the `sh -c` wrappers in between (npm runs a script as npm → sh -c → node).
 */
export function restartingParent<T extends {pid: number; ppid: number; app: string; command: string}>(
	process: T,
	byPid: (pid: number) => T | undefined,
): T | undefined {
	let parent = byPid(process.ppid);
	for (let hops = 0; parent && hops < 3; hops++) {
		if (isSupervisor(parent)) return parent;
		if (!WRAPPER.test(parent.app)) return undefined;
		parent = parent.ppid === parent.pid ? undefined : byPid(parent.ppid);
	}
	return undefined;
}
