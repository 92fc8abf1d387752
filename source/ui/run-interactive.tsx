// Placeholder removed when the UI lands (issue 4).
import type {Options} from '../types.js';
import type {Sampler} from '../sampling/sampler.js';
import type {SystemReader} from '../sampling/sources/system.js';

export async function runInteractive(_context: {options: Options; sampler: Sampler; system: SystemReader}): Promise<number> {
	process.stderr.write('proctop: the interactive view is not built yet; use --once or --json\n');
	return 1;
}
