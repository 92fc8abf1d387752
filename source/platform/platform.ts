// The only process.platform branch: /proc on Linux, ps-list everywhere else.

import type {Source} from '../types.js';
import {createProcfsSource} from './linux/procfs.js';
import {createPsListSource} from './other/ps-list.js';

/**
 * PROCTOP_PROC_ROOT points the Linux reader at another procfs mount (a container's, or a test's
 * missing one); unset, it is /proc.
 */
export function selectSource(platform: NodeJS.Platform = process.platform, environment: NodeJS.ProcessEnv = process.env): Source {
	return platform === 'linux' ? createProcfsSource({procRoot: environment['PROCTOP_PROC_ROOT'] || '/proc'}) : createPsListSource();
}
