// What an action acts on (types only): processes as captured when the action started, and the
// y/n questions a subtree kill asks.

import type {Target} from './signaller.js';

/** A process as captured when an action started: the identity later checks are made against. */
export type PickedProcess = Target & {key: string; command: string};

/**
 * A question waiting for y/n: SIGTERM to a whole subtree (X asks first), or SIGKILL for the
 * survivors of one. `yes`/`no` say what each answer does.
 */
export type Confirmation = {
	kind: 'subtree-term' | 'subtree-kill';
	question: string;
	yes: string;
	no: string;
	targets: PickedProcess[];
	root: PickedProcess;
	exitedBefore: number;
};
