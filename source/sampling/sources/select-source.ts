// The only process.platform branch: /proc on Linux, ps-list everywhere else.

import type {Source} from '../../types.js';
import {createProcfsSource} from './procfs.js';
import {createPsListSource} from './ps-list.js';

export function selectSource(platform: NodeJS.Platform = process.platform): Source {
	return platform === 'linux' ? createProcfsSource() : createPsListSource();
}
