// Builds the single production bundle dist/cli.js with esbuild.
// I/O: reads source/, writes dist/. `--if-stale` skips the build when dist/cli.js is newer
// than every file in source/ and package.json, so `npm start`/`npm test` stay fast.
import {build} from 'esbuild';
import {copyFileSync, chmodSync, readdirSync, renameSync, statSync, existsSync} from 'node:fs';
import {join} from 'node:path';
import {readFileSync} from 'node:fs';

const output = 'dist/cli.js';

function newestMtime(path) {
	const info = statSync(path);
	if (!info.isDirectory()) return info.mtimeMs;
	let newest = info.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && existsSync(output)) {
	const built = statSync(output).mtimeMs;
	const inputs = Math.max(newestMtime('source'), newestMtime('package.json'), newestMtime('scripts/build.js'));
	if (built > inputs) process.exit(0);
}

// Written beside the target and renamed into place: a test or a user starting proctop while a
// build runs sees the old file or the new one, never half of one.
const temporary = `${output}.${process.pid}.tmp`;
await build({
	entryPoints: ['source/cli.tsx'],
	outfile: temporary,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	define: {
		'process.env.NODE_ENV': '"production"',
		PROCTOP_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
	},
	// Ink imports react-devtools-core only when DEV=true. It is a large dev tool we never ship:
	// resolve it to an inert module so the bundle has no import that npx cannot satisfy.
	plugins: [
		{
			// Ink builds a new Output (and a new tokenizer cache) for every frame, so every line is
			// re-tokenized every refresh even when it did not change — about half of proctop's idle
			// CPU. Sharing one bounded cache across frames makes an unchanged line cost a lookup.
			name: 'ink-output-cache-across-frames',
			setup(builder) {
				builder.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, async args => {
					const {readFile} = await import('node:fs/promises');
					const source = await readFile(args.path, 'utf8');
					const perFrame = '    caches = new OutputCaches();';
					if (!source.includes(perFrame)) throw new Error(`ink-output-cache-across-frames: ${args.path} changed; review the patch`);
					const shared = [
						'const sharedCaches = new OutputCaches();',
						'const boundedCaches = () => {',
						'    // Bounded: a frame has well under a hundred lines; drop all once stale ones pile up.',
						'    if (sharedCaches.styledChars.size > 600) sharedCaches.styledChars.clear();',
						'    if (sharedCaches.widths.size > 5000) sharedCaches.widths.clear();',
						'    if (sharedCaches.blockWidths.size > 600) sharedCaches.blockWidths.clear();',
						'    return sharedCaches;',
						'};',
					].join('\n');
					// The blank grid is rebuilt per frame too: one fresh object per cell (4,800 at 120×40),
					// all equal and never mutated (cells are replaced, not changed), so one shared blank serves.
					const blankCell = "row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });";
					if (!source.includes(blankCell)) throw new Error(`ink-output-cache-across-frames: ${args.path} changed; review the patch`);
					const patched = source
						.replace(perFrame, '    caches = boundedCaches();')
						.replace(blankCell, 'row.push(blankCell);')
						.replace('export default class Output {', `${shared}\nconst blankCell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});\nexport default class Output {`);
					return {contents: patched, loader: 'js'};
				});
			},
		},
		{
			name: 'no-react-devtools',
			setup(builder) {
				builder.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'inert'}));
				// Ink's devtools bridge (and the WebSocket client it pulls in) likewise.
				builder.onResolve({filter: /^\.\/devtools\.js$/}, args => (args.importer.includes('/ink/') ? {path: 'ink-devtools', namespace: 'inert'} : undefined));
				builder.onLoad({filter: /.*/, namespace: 'inert'}, () => ({contents: 'export default {initialize() {}, connectToDevTools() {}};', loader: 'js'}));
			},
		},
	],
	// Bundled CommonJS (systeminformation, signal-exit users) calls require(): give the ESM bundle one.
	banner: {js: "import {createRequire as __proctopRequire} from 'node:module';const require=__proctopRequire(import.meta.url);"},
	logLevel: 'warning',
});

chmodSync(temporary, 0o755);
renameSync(temporary, output);

// The bin: a tiny launcher that checks the Node version before the bundle is even parsed.
copyFileSync('source/launcher.cjs', 'dist/proctop.cjs.tmp');
chmodSync('dist/proctop.cjs.tmp', 0o755);
renameSync('dist/proctop.cjs.tmp', 'dist/proctop.cjs');
