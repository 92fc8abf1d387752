// Bench helper: bundles a TypeScript module from source/ with esbuild so plain node can import it.

import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';

export async function loadSource(entry) {
	const outdir = join('node_modules', '.cache', 'proctop-bench');
	mkdirSync(outdir, {recursive: true});
	const outfile = join(outdir, `${entry.replaceAll('/', '_')}.mjs`);
	await build({entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', packages: 'external'});
	return import(pathToFileURL(join(process.cwd(), outfile)).href);
}
