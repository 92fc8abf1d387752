// Builds the production bundle with esbuild: dist/cli.cjs (the program, one CommonJS file),
// dist/systeminformation.cjs (the header meters' library off Linux, required only there),
// dist/quick-answer.cjs (--help and --version alone), and copies beside them the launcher
// (dist/proctop.cjs, the bin) and the code-cache loader it runs the program with.
// I/O: reads source/, writes dist/. `--if-stale` skips the build when dist/cli.cjs is newer than
// every file in source/, scripts/ and package.json, so `npm start`/`npm test` stay fast.
// `--readable` skips minifying, for profiling (function names in a .cpuprofile then mean something).

import {chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {bundlePlugins} from './bundle-plugins.js';

const output = 'dist/cli.cjs';

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

// One CommonJS file, not ES modules split into chunks: Node 20 keeps V8's code cache only for
// CommonJS (source/code-cache.cjs), and with it a run compiles nothing it compiled before
// (first frame at base 110 → 92 ms). What cli.tsx imports lazily (the UI with Ink and React,
// --serve, --record, --replay, --kill) is still only evaluated when used.
// Written beside the target and moved into place: a test or a user starting proctop while a
// build runs sees the old program or the new one, never half of one.
const version = JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version);
/**
 * What the bundles share: CommonJS for Node 20, minified unless --readable, and ASCII only
 * (esbuild's default, spelled out: anything else in a string is escaped), because the launcher
 * reads the program as latin1, which skips UTF-8 decoding (source/code-cache.cjs).
 */
const common = {
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	charset: 'ascii',
	minify: !readable,
	legalComments: 'none',
	logLevel: 'warning',
};

// systeminformation, a third of the program's text (313 of 920 KB), feeds only the header meters
// off Linux (source/platform/meters.ts): it is a file of its own beside the bundle, which requires
// it when that code runs, so on Linux its text is never read, compiled or kept in memory. Built
// first: a bundle in place always finds it.
const metersLibrary = 'dist/systeminformation.cjs';
await build({...common, entryPoints: [fileURLToPath(import.meta.resolve('systeminformation'))], outfile: `${metersLibrary}.${process.pid}.tmp`});
renameSync(`${metersLibrary}.${process.pid}.tmp`, metersLibrary);
const metersLibraryApart = {
	name: 'systeminformation-apart',
	setup(builder) {
		// A require() of the file, not an import(): the bundle runs as a vm.Script (source/code-cache.cjs),
		// where import() has no loader to call.
		builder.onResolve({filter: /^systeminformation$/}, () => ({path: 'systeminformation', namespace: 'systeminformation-apart'}));
		builder.onLoad({filter: /.*/, namespace: 'systeminformation-apart'}, () => ({
			contents: "module.exports = require('./systeminformation.cjs');",
			loader: 'js',
		}));
		builder.onResolve({filter: /^\.\/systeminformation\.cjs$/}, () => ({path: './systeminformation.cjs', external: true}));
	},
};

const staged = `${output}.${process.pid}.tmp`;
await build({
	...common,
	entryPoints: ['source/cli.tsx'],
	outfile: staged,
	define: {'process.env.NODE_ENV': '"production"', PROCTOP_VERSION: version, 'import.meta.url': '__proctopModuleUrl'},
	plugins: [...bundlePlugins(), metersLibraryApart],
	// import.meta does not exist in CommonJS; meow asks for its url (flags.ts).
	banner: {js: "var __proctopModuleUrl=require('node:url').pathToFileURL(__filename).href;"},
});

// The launcher reads the program as latin1: one byte outside ASCII would reach it garbled. A readable
// build keeps some comments, whose bytes esbuild's charset leaves alone and which nothing reads.
if (!readable && /[^\x00-\x7f]/.test(readFileSync(staged, 'latin1')))
	throw new Error(`${staged}: a byte outside ASCII (the launcher reads the program as latin1)`);

// The answer to `proctop --help` / `--version` alone, small enough to load before the program would.
const quick = 'dist/quick-answer.cjs';
await build({...common, entryPoints: ['source/quick-answer.ts'], outfile: `${quick}.${process.pid}.tmp`, define: {PROCTOP_VERSION: version}});
renameSync(`${quick}.${process.pid}.tmp`, quick);
// The launcher's two helpers, as they are (old-fashioned CommonJS that any Node parses).
for (const helper of ['code-cache.cjs', 'v8-flags.cjs']) {
	copyFileSync(`source/${helper}`, `dist/${helper}.tmp`);
	renameSync(`dist/${helper}.tmp`, `dist/${helper}`);
}
chmodSync(staged, 0o755);
renameSync(staged, output);
// A readable bundle is for one profiling session: date it in the past so the next --if-stale
// (npm start, npm test) replaces it with the real, minified one.
if (readable) utimesSync(output, 0, 0);

// The bin: a tiny launcher that checks the Node version before the bundle is even parsed.
copyFileSync('source/launcher.cjs', 'dist/proctop.cjs.tmp');
chmodSync('dist/proctop.cjs.tmp', 0o755);
renameSync('dist/proctop.cjs.tmp', 'dist/proctop.cjs');
// Last, once the new launcher is in place: what earlier builds wrote that this one no longer does
// (the ES module bundles and their chunks).
for (const old of ['dist/cli.js', 'dist/quick-answer.js', 'dist/chunks']) rmSync(old, {recursive: true, force: true});
