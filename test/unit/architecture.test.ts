// The map in ARCHITECTURE.md, checked: what each folder of source/ may import, and which files
// may touch the operating system. A change that breaks a rule fails here, not in review.
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {dirname, join, normalize, relative} from 'node:path';
import {describe, expect, test} from 'vitest';

const SOURCE = join(import.meta.dirname, '..', '..', 'source');

/** Folder (or top-level file) → what it may import from source/. */
const MAY_IMPORT: Record<string, readonly string[]> = {
	platform: ['platform', 'types', 'sanitize'],
	sampling: ['sampling', 'types'],
	model: ['model', 'types'],
	identify: ['identify', 'sampling', 'types'],
	serve: ['serve', 'batch', 'platform', 'sampling', 'types'],
	actions: ['actions', 'identify', 'platform', 'sampling', 'types'],
	batch: ['batch', 'model', 'sampling', 'platform', 'types'],
	history: ['history', 'sampling', 'types'],
	recording: ['recording', 'history', 'model', 'batch', 'platform', 'sampling', 'types'],
	ui: ['ui', 'model', 'actions', 'sampling', 'identify', 'platform', 'history', 'types', 'config', 'interval', 'sanitize'],
};

/** The only files that may use node's I/O modules: the platform, the settings file, the terminal, the metrics server, the recording file. */
const MAY_DO_IO = [/^platform\//, /^config\.ts$/, /^ui\/run-interactive\.tsx$/, /^serve\/server\.ts$/, /^recording\/file\.ts$/];
const IO_MODULES = /from 'node:(fs|fs\/promises|child_process|net|http|https|tty)'/;

function files(directory: string): string[] {
	return readdirSync(directory, {withFileTypes: true}).flatMap(entry =>
		entry.isDirectory() ? files(join(directory, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(directory, entry.name)] : [],
	);
}

const area = (path: string) =>
	relative(SOURCE, path)
		.split('/')[0]!
		.replace(/\.(tsx?|js)$/, '');
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)].map(match => normalize(join(dirname(file), match[1]!)));

describe('architecture', () => {
	test.each(Object.keys(MAY_IMPORT))('%s/ imports only what the map allows', folder => {
		const wrong: string[] = [];
		for (const file of files(join(SOURCE, folder))) {
			for (const target of imports(file))
				if (!MAY_IMPORT[folder]!.includes(area(target))) wrong.push(`${relative(SOURCE, file)} → ${relative(SOURCE, target)}`);
		}
		expect(wrong).toEqual([]);
	});

	test('only the platform, the settings file and the terminal runner touch the OS', () => {
		const wrong = files(SOURCE)
			.map(file => relative(SOURCE, file))
			.filter(file => IO_MODULES.test(readFileSync(join(SOURCE, file), 'utf8')) && !MAY_DO_IO.some(rule => rule.test(file)));
		expect(wrong).toEqual([]);
	});

	// The first frame is painted before Ink and React load (ui/first-frame.ts); a static import
	// that reaches either would put ~100 ms back on every start, --once and --json included.
	test('the entry and the first frame reach neither Ink nor React except through import()', () => {
		const reached = new Set<string>();
		const visit = (file: string) => {
			if (reached.has(file)) return;
			reached.add(file);
			const text = readFileSync(file, 'utf8');
			for (const match of text.matchAll(/^import (?!type )[^;]*?from '(\.{1,2}\/[^']+)'/gm))
				visit(
					normalize(join(dirname(file), match[1]!)).replace(
						/\.js$/,
						existsSync(normalize(join(dirname(file), match[1]!)).replace(/\.js$/, '.ts')) ? '.ts' : '.tsx',
					),
				);
		};
		visit(join(SOURCE, 'cli.tsx'));
		visit(join(SOURCE, 'ui', 'first-frame.ts'));
		const wrong = [...reached]
			.filter(file => /^import (?!type )[^;]*?from '(ink|react)(\/[^']*)?'/m.test(readFileSync(file, 'utf8')))
			.map(file => relative(SOURCE, file));
		expect(wrong).toEqual([]);
		expect(reached.size).toBeGreaterThan(20);
	});
});
