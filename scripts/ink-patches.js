// Bundle-time patches to eight files of Ink, applied by scripts/build.js to the bundle only;
// node_modules stays untouched. Pure: source text in, source text out, or an error naming the
// file when Ink no longer looks the way a patch expects (so an Ink upgrade cannot silently drop one).
//
// 1. output.js, direct rows. Every frame, Ink's Output.get() builds a grid of one object per
//    terminal cell, tokenizes every line into per-character style records and serialises them back
//    into a string: a third of proctop's idle CPU and much of its garbage, for nothing. proctop hands
//    Ink one pre-styled, single-line <Text> per row, so each row's final text is the written text
//    itself. The patch adds a direct path for exactly that shape of frame (every write one line, at
//    most one write per row, no clipping); any other frame takes Ink's own path unchanged.
// 2. measure-text.js and 3. wrap-text.js, bounded caches. Both memoise by the full text in a
//    module-level map that is never emptied (vadimdemedes/ink#986), so a monitor whose lines change
//    every second keeps every line it ever drew. Bounded here: emptied once it holds 1,000 entries
//    (a frame has at most a few hundred texts; re-measuring them once is cheap).
// 4. render-node-to-output.js, widths measured once per text. Every frame Ink re-measures every
//    <Text>'s width with widest-line, changed or not (a sixth of all bytes allocated at idle): it
//    now asks Ink's own (now bounded) measureText cache, so an unchanged line costs one lookup.
//    (A memoised sanitize-ansi.js was a patch too; measured alone, 2026-11, it saved 0.03 points of
//    idle CPU, within noise, so it went.)
// 5. ink.js, a full repaint on every resize. Ink redraws relative to the cursor and clears first
//    only when the terminal got narrower; when it grows, or its height changes, a terminal may
//    move what is on screen (reflow, tmux), and a frame shorter than the screen (`--pid a,b`) left
//    the old meter block above the new one (#12). A full-screen app can simply clear the screen
//    and draw the whole frame again; the alternate screen has no scrollback to lose.
// 6. reconciler.js, no top-level await. With DEV=true Ink awaits its devtools bridge and its own
//    package.json at module level. proctop's bundle is CommonJS (so the launcher can load it with
//    V8's code cache: scripts/build.js), which has no top-level await; the bridge is inert in the
//    bundle anyway (scripts/bundle-plugins.js), so DEV=true now skips both.
// 7. hooks/use-input.js, a key renders before anything else runs. Ink calls the input handler in
//    `batchedUpdates`, which under React 19 leaves a state update at the default priority: React
//    renders it from a Scheduler task (a setImmediate), behind whatever the event loop already
//    holds, such as the rest of a tick's 8 ms slice of /proc reads or a scrape's pause. Under
//    `discreteUpdates` the update is a discrete one (a click or key press in react-dom's terms):
//    still batched, rendered in a microtask straight after the handler. Ticks keep the default priority.
// 8. sanitize-ansi.js, bounded memo. Every frame Ink squashes every <Text> and strips its
//    non-colour escapes by tokenizing the whole string into per-token objects, changed or not: at
//    an idle base load that was a ninth of all bytes the process allocated (V8's sampling heap
//    profiler, 2026-12-07). The answer depends on the text alone, so an unchanged line is now one
//    lookup, in a map emptied at 1,000 entries like patches 2 and 3. (Tried once before, 2026-11,
//    and dropped when its CPU saving could not be told from noise; it returns for the garbage.)

const getStart = '    get() {\n';
const direct = `    get() {
        const direct = this.directRows();
        if (direct !== undefined) {
            return direct;
        }
`;
const directRows = `    // proctop patch: a frame of one-line writes, one per row, with no clip needs no cell grid:
    // the row's text is the written line (after the same transformers), left-padded to its column.
    directRows() {
        const rows = new Array(this.height).fill('');
        const written = new Set();
        for (const operation of this.operations) {
            if (operation.type !== 'write') {
                return undefined;
            }
            const { x, y, text, transformers } = operation;
            if (text.includes('\\n') || x < 0 || y < 0 || written.has(y)) {
                return undefined;
            }
            written.add(y);
            if (y >= this.height) {
                continue;
            }
            let line = text;
            for (const transformer of transformers) {
                line = transformer(line, 0);
            }
            if (line.includes('\\n')) {
                return undefined;
            }
            rows[y] = (' '.repeat(x) + line).trimEnd();
        }
        return { output: rows.join('\\n'), height: rows.length };
    }
`;

const CACHE_LIMIT = 1000;

function replaceOnce(source, from, to, name, path) {
	if (source.split(from).length !== 2) throw new Error(`${name}: ${path} changed; review scripts/ink-patches.js`);
	return source.replace(from, to);
}

const resizedStock = `        if (currentWidth < this.lastTerminalWidth) {
            // We clear the screen when decreasing terminal width to prevent duplicate overlapping re-renders.
            this.log.clear();
            this.lastOutput = '';
            this.lastOutputToRender = '';
        }
`;
const resizedRepaint = `        // proctop patch: clear the whole screen and forget the last frame, so the next is drawn whole.
        this.options.stdout.write('\\u001B[2J\\u001B[H');
        this.log.sync('');
        this.lastOutput = '';
        this.lastOutputToRender = '';
`;

const devtoolsStock = `if (isDev()) {
    try {
        await import('./devtools.js');
    }`;
const devtoolsSkipped = `if (false) {
    try {
        // proctop patch: no top-level await; the devtools bridge is inert in the bundle.
    }`;

const sanitizeExport = 'export default sanitizeAnsi;';
const sanitizeMemoised = `// proctop patch: the same answer for the same text, from a bounded map.
const sanitizedTexts = new Map();
const sanitizeAnsiMemoised = (text) => {
    let sanitized = sanitizedTexts.get(text);
    if (sanitized === undefined) {
        sanitized = sanitizeAnsi(text);
        if (sanitizedTexts.size >= ${CACHE_LIMIT}) {
            sanitizedTexts.clear();
        }
        sanitizedTexts.set(text, sanitized);
    }
    return sanitized;
};
export default sanitizeAnsiMemoised;`;

const inputBatched = '                reconciler.batchedUpdates(() => {\n                    inputHandler(input, key);';
const inputDiscrete = '                reconciler.discreteUpdates(() => {\n                    inputHandler(input, key);';

/** Each patch: which Ink file it applies to, and the edit. */
export const INK_PATCHES = [
	{
		name: 'ink-output-direct-rows',
		file: /[\\/]ink[\\/]build[\\/]output\.js$/,
		apply: (source, path) => replaceOnce(source, getStart, `${directRows}${direct}`, 'ink-output-direct-rows', path),
	},
	{
		name: 'ink-measure-text-bounded',
		file: /[\\/]ink[\\/]build[\\/]measure-text\.js$/,
		apply: (source, path) =>
			replaceOnce(
				source,
				'    cache.set(text, dimensions);',
				`    if (cache.size >= ${CACHE_LIMIT}) {\n        cache.clear();\n    }\n    cache.set(text, dimensions);`,
				'ink-measure-text-bounded',
				path,
			),
	},
	{
		name: 'ink-wrap-text-bounded',
		file: /[\\/]ink[\\/]build[\\/]wrap-text\.js$/,
		apply(source, path) {
			const declared = replaceOnce(source, 'const cache = {};', 'let cache = {};\nlet cacheSize = 0;', 'ink-wrap-text-bounded', path);
			return replaceOnce(
				declared,
				'    cache[cacheKey] = wrappedText;',
				`    if (++cacheSize > ${CACHE_LIMIT}) {\n        cache = {};\n        cacheSize = 1;\n    }\n    cache[cacheKey] = wrappedText;`,
				'ink-wrap-text-bounded',
				path,
			);
		},
	},
	{
		name: 'ink-render-width-cached',
		file: /[\\/]ink[\\/]build[\\/]render-node-to-output\.js$/,
		apply(source, path) {
			const imported = replaceOnce(
				source,
				"import widestLine from 'widest-line';",
				"import widestLine from 'widest-line';\nimport measureText from './measure-text.js';",
				'ink-render-width-cached',
				path,
			);
			return replaceOnce(imported, 'const currentWidth = widestLine(text);', 'const currentWidth = measureText(text).width;', 'ink-render-width-cached', path);
		},
	},
	{
		name: 'ink-resize-repaint',
		file: /[\\/]ink[\\/]build[\\/]ink\.js$/,
		apply: (source, path) => replaceOnce(source, resizedStock, resizedRepaint, 'ink-resize-repaint', path),
	},
	{
		name: 'ink-reconciler-no-top-level-await',
		file: /[\\/]ink[\\/]build[\\/]reconciler\.js$/,
		apply(source, path) {
			const bridge = replaceOnce(source, devtoolsStock, devtoolsSkipped, 'ink-reconciler-no-top-level-await', path);
			return replaceOnce(bridge, '? await loadPackageJson()', '? {}', 'ink-reconciler-no-top-level-await', path);
		},
	},
	{
		name: 'ink-input-discrete',
		file: /[\\/]ink[\\/]build[\\/]hooks[\\/]use-input\.js$/,
		apply: (source, path) => replaceOnce(source, inputBatched, inputDiscrete, 'ink-input-discrete', path),
	},
	{
		name: 'ink-sanitize-memoised',
		file: /[\\/]ink[\\/]build[\\/]sanitize-ansi\.js$/,
		apply: (source, path) => replaceOnce(source, sanitizeExport, sanitizeMemoised, 'ink-sanitize-memoised', path),
	},
];

/** The patch for an Ink file, if any. */
export function inkPatchFor(path) {
	return INK_PATCHES.find(patch => patch.file.test(path));
}
