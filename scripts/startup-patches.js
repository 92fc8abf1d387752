// Bundle-time patches to two dependencies whose module bodies do work proctop's start-up never
// needs (found in the start-up profile; together ~80 ms of the first frame on this machine).
// Pure: source text in, source text out, or an error naming the file when the dependency no
// longer looks as expected (so an upgrade cannot silently drop a patch). Behaviour is unchanged:
// test/unit/startup-patches.test.ts compares each with the stock module.
//
// 1. string-width (proctop's, which Ink's text measuring uses too):
//    a. built on first use: its module body builds an Intl.Segmenter (~24 ms: ICU's break data)
//       and the \p{RGI_Emoji} expression (~28 ms) whether or not a non-ASCII string is measured;
//    b. a wider fast path: besides printable ASCII, text made only of characters that always take
//       one cell and never join a cluster (Latin, the box-drawing, block, arrow and punctuation
//       characters proctop draws) is its length; otherwise every line with a │ or … went through
//       the segmenter.
// 2. meow's bundled dependencies: normalize-package-data (with semver and the SPDX tables) is
//    loaded when meow is imported (~20 ms), though meow calls it only when a caller reads
//    `cli.pkg`, which proctop never does. It now loads on that first call.

import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

/** Characters one cell wide alone and beside anything (source/model/format.ts draws with the same). */
export const ONE_CELL_CLASS = '\\u0020-\\u007e\\u00a0-\\u00ac\\u00ae-\\u02ff\\u2010-\\u2027\\u2030-\\u205e\\u2190-\\u21ff\\u2500-\\u25fc\\u25ff';

function mustContainOnce(source, texts, name, path) {
	for (const text of texts) if (source.split(text).length !== 2) throw new Error(`${name}: ${path} changed; review scripts/startup-patches.js`);
}

const FIRST = 'const segmenter = new Intl.Segmenter();';
const LAST = 'const extendedPictographicRegex = /\\p{Extended_Pictographic}/gu;';
const FAST_PATH = 'if (/^[\\u0020-\\u007E]*$/.test(string)) {';
const FIRST_SLOW_LINE = '\tlet width = 0;\n\tconst eastAsianWidthOptions';

const NORMALIZE = 'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);';

/** Each patch: the one file it applies to (the copy this project resolves), and the edit. */
export const STARTUP_PATCHES = [
	{
		name: 'string-width-lazy',
		// proctop's own string-width; wrap-ansi keeps an older copy of its own, which builds nothing at load.
		path: fileURLToPath(import.meta.resolve('string-width')),
		apply(source, path) {
			mustContainOnce(source, [FIRST, LAST, FAST_PATH, FIRST_SLOW_LINE], this.name, path);
			const start = source.indexOf(FIRST);
			const end = source.indexOf(LAST) + LAST.length;
			const declarations = [...source.slice(start, end).matchAll(/^const (\w+) = (.+);$/gm)];
			const assignments = declarations.map(([, name, value]) => `\t${name} = ${value};`).join('\n');
			const lazy = `let ${declarations.map(match => match[1]).join(', ')};\n// proctop patch: built on first use past the fast path.\nfunction proctopBuild() {\n${assignments}\n}`;
			return (source.slice(0, start) + lazy + source.slice(end))
				.replace(FAST_PATH, `if (/^[${ONE_CELL_CLASS}]*$/.test(string)) {`)
				.replace(FIRST_SLOW_LINE, `\tif (segmenter === undefined) {\n\t\tproctopBuild();\n\t}\n\n${FIRST_SLOW_LINE}`);
		},
	},
	{
		name: 'meow-lazy-normalize',
		path: join(dirname(fileURLToPath(import.meta.resolve('meow'))), 'dependencies.js'),
		apply(source, path) {
			mustContainOnce(source, [NORMALIZE], this.name, path);
			return source.replace(
				NORMALIZE,
				'// proctop patch: loaded on first call.\nconst normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);',
			);
		},
	},
];
