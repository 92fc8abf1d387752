// Remembered settings: sort, direction, tree view and refresh interval, saved to
// $XDG_CONFIG_HOME/proctop/config.json (default ~/.config/proctop) when changed in the UI.
// I/O: reads and writes that one file. A corrupt or unreadable file is reported once and ignored.

import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {isSortKeyId, type SortKeyId} from './sampling/sort.js';

export type Settings = {sort?: SortKeyId; inverted?: boolean; tree?: boolean; intervalMs?: number};

export function configPath(environment: NodeJS.ProcessEnv = process.env): string {
	const base = environment['XDG_CONFIG_HOME'] || join(environment['HOME'] || homedir(), '.config');
	return join(base, 'proctop', 'config.json');
}

/** Only known keys with valid values survive; anything else in the file is ignored. */
export function parseSettings(value: unknown): Settings {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
	const raw = value as Record<string, unknown>;
	const settings: Settings = {};
	if (typeof raw['sort'] === 'string' && isSortKeyId(raw['sort'])) settings.sort = raw['sort'];
	if (typeof raw['inverted'] === 'boolean') settings.inverted = raw['inverted'];
	if (typeof raw['tree'] === 'boolean') settings.tree = raw['tree'];
	if (typeof raw['intervalMs'] === 'number' && raw['intervalMs'] >= 100 && raw['intervalMs'] <= 3_600_000) settings.intervalMs = raw['intervalMs'];
	return settings;
}

export function loadSettings(path = configPath()): {settings: Settings; warning?: string} {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {settings: {}};
		return {settings: {}, warning: `settings not loaded: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`};
	}
	try {
		return {settings: parseSettings(JSON.parse(text))};
	} catch (error) {
		return {settings: {}, warning: `settings ignored: ${path} is not valid (${error instanceof Error ? error.message : String(error)})`};
	}
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file. */
export function saveSettings(settings: Settings, path = configPath()): string | undefined {
	try {
		mkdirSync(join(path, '..'), {recursive: true});
		const temporary = `${path}.${process.pid}.tmp`;
		writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`);
		renameSync(temporary, path);
		return undefined;
	} catch (error) {
		return `settings not saved: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
	}
}
