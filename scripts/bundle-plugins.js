// The esbuild plugins every bundle of proctop uses: the shipped dist/cli.js (scripts/build.js) and
// the fault-injecting CLI the exit-path tests build, so both run the same patched Ink.
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {INK_PATCHES} from './ink-patches.js';
import {STARTUP_PATCHES} from './startup-patches.js';

/** What every `Intl.Segmenter` in the bundle becomes (scripts/lazy-segmenter.js). */
export const LAZY_SEGMENTER = fileURLToPath(new URL('./lazy-segmenter.js', import.meta.url));

/** What Ink's `import Yoga from 'yoga-layout'` resolves to in the bundle and in the tests. */
export const COLUMN_LAYOUT = fileURLToPath(new URL('../source/ui/column-layout.ts', import.meta.url));

export function bundlePlugins() {
	return [
		{
			// See source/ui/column-layout.ts: Ink lays out proctop's column of lines without loading
			// Yoga's WebAssembly (~75 ms of CPU before the first key is answered, ~5 MB resident).
			name: 'column-layout',
			setup(builder) {
				builder.onResolve({filter: /^yoga-layout$/}, () => ({path: COLUMN_LAYOUT}));
			},
		},
		{
			// See scripts/lazy-segmenter.js: no ICU break data built while modules load.
			name: 'lazy-segmenter',
			setup(builder) {
				const options = builder.initialOptions;
				options.define = {...options.define, 'Intl.Segmenter': 'ProctopLazySegmenter'};
				options.inject = [...(options.inject ?? []), LAZY_SEGMENTER];
			},
		},
		{
			// See scripts/ink-patches.js: direct rows in Ink's output stage, bounded text caches.
			name: 'ink-patches',
			setup(builder) {
				for (const patch of INK_PATCHES) {
					builder.onLoad({filter: patch.file}, async args => ({contents: patch.apply(await readFile(args.path, 'utf8'), args.path), loader: 'js'}));
				}
			},
		},
		{
			// See scripts/startup-patches.js: string-width and meow do less when they load.
			name: 'startup-patches',
			setup(builder) {
				for (const patch of STARTUP_PATCHES) {
					builder.onLoad({filter: /\.js$/}, async args =>
						args.path === patch.path ? {contents: patch.apply(await readFile(args.path, 'utf8'), args.path), loader: 'js'} : undefined,
					);
				}
			},
		},
		{
			// Ink imports react-devtools-core only when DEV=true. It is a large dev tool we never ship:
			// resolve it to an inert module so the bundle has no import that npx cannot satisfy.
			name: 'no-react-devtools',
			setup(builder) {
				builder.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'inert'}));
				// Ink's devtools bridge (and the WebSocket client it pulls in) likewise.
				builder.onResolve({filter: /^\.\/devtools\.js$/}, args => (args.importer.includes('/ink/') ? {path: 'ink-devtools', namespace: 'inert'} : undefined));
				builder.onLoad({filter: /.*/, namespace: 'inert'}, () => ({contents: 'export default {initialize() {}, connectToDevTools() {}};', loader: 'js'}));
			},
		},
		{
			// cli-cursor's restore-cursor registers an exit hook that writes ESC[?25h to process.stderr,
			// whatever stderr is: with `2>file` a stray escape landed in the user's file (#12). proctop
			// shows the cursor itself on every exit path, on the terminal it drew on, so the hook goes.
			name: 'no-restore-cursor',
			setup(builder) {
				builder.onResolve({filter: /^restore-cursor$/}, () => ({path: 'restore-cursor', namespace: 'no-restore-cursor'}));
				builder.onLoad({filter: /.*/, namespace: 'no-restore-cursor'}, () => ({contents: 'export default function restoreCursor() {}', loader: 'js'}));
			},
		},
	];
}
