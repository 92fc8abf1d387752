// Off Linux (macOS, BSD) there is no /proc to re-read a start time from: the check before kill()
// falls back to "the pid exists" (kill 0), which is what every other monitor does. I/O: kill(pid, 0).

import type {Identity} from '../platform.js';

export function existsIdentity(pid: number): Identity | undefined {
	try {
		process.kill(pid, 0);
		return {startTicks: '0', state: '?', ppid: 0, name: ''};
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM' ? {startTicks: '0', state: '?', ppid: 0, name: ''} : undefined;
	}
}
