// The settings file's awkward cases: garbage, a directory where the file should be, and what
// happens to a garbage file when a setting changes (kept, never silently overwritten).
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {loadSettings, openSettings, parseSettings, saveSettings} from '../../source/config.js';

const made: string[] = [];
function folder(): string {
	const path = mkdtempSync(join(tmpdir(), 'proctop-config-test-'));
	made.push(path);
	return path;
}
afterEach(() => {
	for (const path of made.splice(0)) rmSync(path, {recursive: true, force: true});
});

describe('settings file', () => {
	test('garbage is reported in one line that does not quote the file', () => {
		const path = join(folder(), 'config.json');
		writeFileSync(path, '{"sort": "memory",\n\u001b[2J oops\nmore');
		const loaded = loadSettings(path);
		expect(loaded.settings).toEqual({});
		expect(loaded.corrupt).toBe(true);
		expect(loaded.warning).toMatch(/is not valid JSON; it is kept as config\.json\.bad/);
		expect(loaded.warning).not.toMatch(/[\n\u001b]|oops/);
	});

	test('a garbage file is moved to config.json.bad (once) before the first save, and the user is told', () => {
		const path = join(folder(), 'config.json');
		writeFileSync(path, 'garbage');
		const store = openSettings(path);
		expect(store.save({sort: 'memory'})).toMatch(/settings saved; the unreadable file was kept as .*config\.json\.bad/);
		expect(readFileSync(`${path}.bad`, 'utf8')).toBe('garbage');
		expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({sort: 'memory'});
		// The next save just saves.
		expect(store.save({sort: 'pid'})).toBeUndefined();
		expect(readFileSync(`${path}.bad`, 'utf8')).toBe('garbage');
	});

	test('a directory named config.json: one line, and no temp file left behind', () => {
		const base = folder();
		const path = join(base, 'config.json');
		mkdirSync(path);
		expect(saveSettings({sort: 'pid'}, path)).toMatch(/^settings not saved: .*config\.json \(E[A-Z]+\)$/);
		expect(readdirSync(base)).toEqual(['config.json']);
	});

	test('only known keys with valid values survive', () => {
		expect(parseSettings({sort: 'memory', intervalMs: 1e12, tree: 'yes', showKernelThreads: true, extra: 1})).toEqual({
			sort: 'memory',
			showKernelThreads: true,
		});
		expect(parseSettings({intervalMs: 50})).toEqual({});
		expect(parseSettings({intervalMs: 1500})).toEqual({intervalMs: 1500});
	});

	test('columns survive as a list of known ids, each once; anything else is dropped whole', () => {
		expect(parseSettings({columns: ['pid', 'tty', 'command']})).toEqual({columns: ['pid', 'tty', 'command']});
		expect(parseSettings({columns: ['pid', 'from-a-newer-proctop']})).toEqual({});
		expect(parseSettings({columns: ['pid', 'pid']})).toEqual({});
		expect(parseSettings({columns: []})).toEqual({});
		expect(parseSettings({columns: 'pid,command'})).toEqual({});
	});
});
