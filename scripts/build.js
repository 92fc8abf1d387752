// Builds the production bundle with esbuild: dist/cli.js and the chunks it loads when needed
// (dist/chunks/), and dist/quick-answer.js (--help and --version alone).
// I/O: reads source/, writes dist/. `--if-stale` skips the build when dist/cli.js is newer than
// every file in source/, scripts/ and package.json, so `npm start`/`npm test` stay fast.
// `--readable` skips minifying, for profiling (function names in a .cpuprofile then mean something).

import {chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync} from 'node:fs';
import {join} from 'node:path';
import {build} from 'esbuild';
import {bundlePlugins} from './bundle-plugins.js';

const output = 'dist/cli.js';

function newestMtime(path) {
	const info = statSync(path);
	if (!info.isDirectory()) return info.mtimeMs;
	let newest = info.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

const ifStale = process.argv.includes('--if-stale');
const readable = process.argv.includes('--readable');
if (ifStale && existsSync(output)) {
	const built = statSync(output).mtimeMs;
	const inputs = Math.max(newestMtime('source'), newestMtime('package.json'), newestMtime('scripts'));
	if (built > inputs) process.exit(0);
}

// Written beside the target and moved into place: a test or a user starting proctop while a
// build runs sees the old program or the new one, never half of one. Split into chunks: what
// cli.tsx imports lazily (the UI with Ink and React, --serve, --record, --replay, --kill) is only
// read and compiled when used, so --once, --json and the first frame load less.
const staging = `dist/.build-${process.pid}`;
const version = JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version);
/** What both bundles share: ESM for Node 20, minified unless --readable. */
const common = {bundle: true, platform: 'node', format: 'esm', target: 'node20', minify: !readable, legalComments: 'none', logLevel: 'warning'};
await build({
	...common,
	entryPoints: {cli: 'source/cli.tsx'},
	outdir: staging,
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	define: {'process.env.NODE_ENV': '"production"', PROCTOP_VERSION: version},
	plugins: bundlePlugins(),
	// Bundled CommonJS (systeminformation, signal-exit users) calls require(): give each ESM chunk one.
	banner: {js: "import {createRequire as __proctopRequire} from 'node:module';const require=__proctopRequire(import.meta.url);"},
});

// The answer to `proctop --help` / `--version` alone, small enough to load before the program would.
const quick = 'dist/quick-answer.js';
await build({...common, entryPoints: ['source/quick-answer.ts'], outfile: `${quick}.${process.pid}.tmp`, define: {PROCTOP_VERSION: version}});
renameSync(`${quick}.${process.pid}.tmp`, quick);

// Chunks first (named by their content, so one already there is the same file), the entry last.
const chunks = readdirSync(join(staging, 'chunks'));
mkdirSync('dist/chunks', {recursive: true});
for (const chunk of chunks) renameSync(join(staging, 'chunks', chunk), join('dist/chunks', chunk));
chmodSync(join(staging, 'cli.js'), 0o755);
renameSync(join(staging, 'cli.js'), output);
rmSync(staging, {recursive: true, force: true});
// Chunks of earlier builds that this one no longer uses.
for (const chunk of readdirSync('dist/chunks')) if (!chunks.includes(chunk)) rmSync(join('dist/chunks', chunk));
// A readable bundle is for one profiling session: date it in the past so the next --if-stale
// (npm start, npm test) replaces it with the real, minified one.
if (readable) utimesSync(output, 0, 0);

// The bin: a tiny launcher that checks the Node version before the bundle is even parsed.
copyFileSync('source/launcher.cjs', 'dist/proctop.cjs.tmp');
chmodSync('dist/proctop.cjs.tmp', 0o755);
renameSync('dist/proctop.cjs.tmp', 'dist/proctop.cjs');
