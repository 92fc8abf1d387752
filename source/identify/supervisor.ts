// Parents that start their child again when it exits (npm and the other package managers' run,
// nodemon, `node --watch`, tsx watch, pm2, forever): signalling only the child may not stop what
// the user wanted stopped, so proctop names the parent and offers it (pure).

const SUPERVISOR = /\bnpm (run|start|exec|test)\b|\bnpx |\byarn |\bpnpm |nodemon|ts-node-dev|\(tsx\)|tsx watch|--watch\b|\bpm2\b|\bforever\b/;

export function isSupervisor(process: {app: string; command: string}): boolean {
	return SUPERVISOR.test(`${process.app} ${process.command}`);
}
