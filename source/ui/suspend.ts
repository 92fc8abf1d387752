// Ctrl+Z: gives the terminal back to the shell, stops this process, and takes the terminal again
// when the shell continues it (`fg`). I/O boundary: the terminal's streams and a stop signal sent
// to ourselves (injectable, so a test can stand in for the shell).

export type SuspendTerminal = {
	stdin: {isTTY?: boolean; setRawMode?: (raw: boolean) => unknown};
	stdout: {write: (text: string) => unknown};
	/** Written before stopping: what gives the screen back (normal screen, cursor, mouse off). */
	leave: string;
	/** Written once continued: what takes it again. */
	enter: string;
	/** Draws the whole screen again (the terminal's contents are gone). */
	redraw: () => void;
	/** Stops the process until the shell continues it. */
	stop?: () => void;
};

const stopSelf = () => {
	process.kill(process.pid, 'SIGTSTP');
};

/** As the runner's restore does: only a terminal has a raw mode. */
function setRaw(stdin: SuspendTerminal['stdin'], raw: boolean) {
	try {
		if (stdin.isTTY) stdin.setRawMode?.(raw);
	} catch {}
}

export function suspendToShell({stdin, stdout, leave, enter, redraw, stop = stopSelf}: SuspendTerminal): void {
	setRaw(stdin, false);
	stdout.write(leave);
	// kill(2) on ourselves stops the process before it returns, so when it returns the shell has
	// continued us (or the kernel dropped the stop: an orphaned process group) and the terminal is
	// ours. Take it back right here. Waiting for the SIGCONT event instead let a timer that fell due
	// while stopped run first: its frame was painted on the shell's screen (seen in CI).
	stop();
	// Raw mode before anything is written: continued in the background (`bg`), setting the
	// terminal's modes stops us again (SIGTTOU) until `fg`, where writing would not have, and the
	// alternate screen would have landed on the shell's.
	setRaw(stdin, true);
	stdout.write(enter);
	redraw();
}
