// Remembered settings: sort, direction, tree view, kernel threads, refresh interval and the
// table's columns (chosen on the setup screen, S), saved to
// $XDG_CONFIG_HOME/proctop/config.json (default ~/.config/proctop) when changed in the UI; the
// theme and the mouse are set in the file by hand and kept when the UI saves.
// I/O: reads and writes that one file (and, once, renames a corrupt one to config.json.bad).
// A corrupt or unreadable file is reported in one line and ignored; it is never overwritten.

import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {isValidIntervalMs} from './interval.js';
import {type ColumnId, isColumnId} from './model/columns.js';
import {isSortKeyId, type SortKeyId} from './model/sort.js';
import {sanitize} from './sanitize.js';
import {isTheme, type Theme} from './ui/themes.js';

export type Settings = {
	sort?: SortKeyId;
	inverted?: boolean;
	tree?: boolean;
	intervalMs?: number;
	showKernelThreads?: boolean;
	/** The table's columns in order; absent: the default set. */
	columns?: ColumnId[];
	/** Set in the file by hand (or --theme for one run): dark, light or mono. */
	theme?: Theme;
	/** Set in the file by hand (or --mouse / --no-mouse for one run): mouse reporting on. */
	mouse?: boolean;
};

export function configPath(environment: NodeJS.ProcessEnv = process.env): string {
	const base = environment.XDG_CONFIG_HOME || join(environment.HOME || homedir(), '.config');
	return join(base, 'proctop', 'config.json');
}

/** Only known keys with valid values survive; anything else in the file is ignored. */
export function parseSettings(value: unknown): Settings {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
	const raw = value as Record<string, unknown>;
	const settings: Settings = {};
	if (typeof raw.sort === 'string' && isSortKeyId(raw.sort)) settings.sort = raw.sort;
	if (typeof raw.inverted === 'boolean') settings.inverted = raw.inverted;
	if (typeof raw.tree === 'boolean') settings.tree = raw.tree;
	if (typeof raw.showKernelThreads === 'boolean') settings.showKernelThreads = raw.showKernelThreads;
	if (isValidIntervalMs(raw.intervalMs)) settings.intervalMs = raw.intervalMs;
	if (isTheme(raw.theme)) settings.theme = raw.theme;
	if (typeof raw.mouse === 'boolean') settings.mouse = raw.mouse;
	// Known ids, each once, at least one; a list from a newer proctop with a column this one lacks is ignored whole.
	const {columns} = raw;
	if (Array.isArray(columns) && columns.length > 0 && columns.every(id => typeof id === 'string' && isColumnId(id)) && new Set(columns).size === columns.length)
		settings.columns = columns as ColumnId[];
	return settings;
}

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'error';

/** `corrupt`: the file exists but is not settings; saving first moves it aside to `.bad`. */
export function loadSettings(path = configPath()): {settings: Settings; warning?: string; corrupt?: boolean} {
	const shown = sanitize(path);
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if (errnoOf(error) === 'ENOENT') return {settings: {}};
		return {settings: {}, warning: `settings not loaded: cannot read ${shown} (${errnoOf(error)})`};
	}
	try {
		return {settings: parseSettings(JSON.parse(text))};
	} catch (error) {
		// JSON.parse quotes the file's text, newlines and all: say what is wrong without it.
		const why = error instanceof SyntaxError ? 'not valid JSON' : error instanceof Error ? error.message : 'not valid';
		return {settings: {}, corrupt: true, warning: `settings ignored: ${shown} is ${why}; it is kept as config.json.bad when a setting changes`};
	}
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file, nor a temp file. */
export function saveSettings(settings: Settings, path = configPath()): string | undefined {
	const temporary = `${path}.${process.pid}.tmp`;
	try {
		mkdirSync(join(path, '..'), {recursive: true});
		writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`);
		renameSync(temporary, path);
		return undefined;
	} catch (error) {
		if (existsSync(temporary)) rmSync(temporary, {force: true});
		return `settings not saved: ${sanitize(path)} (${errnoOf(error)})`;
	}
}

/**
 * The settings file for one run: what was loaded, and a save that first moves a corrupt file
 * aside (once) so what the user had is never silently overwritten. Returns a line to show, if any.
 */
export function openSettings(path = configPath()): {settings: Settings; warning?: string; save(settings: Settings): string | undefined} {
	const loaded = loadSettings(path);
	let corrupt = loaded.corrupt ?? false;
	return {
		settings: loaded.settings,
		warning: loaded.warning,
		save(settings) {
			let kept: string | undefined;
			if (corrupt) {
				try {
					renameSync(path, `${path}.bad`);
					kept = `${sanitize(path)}.bad`;
				} catch (error) {
					return `settings not saved: the unreadable ${sanitize(path)} could not be moved aside (${errnoOf(error)})`;
				}
				corrupt = false;
			}
			const error = saveSettings(settings, path);
			return error ?? (kept ? `settings saved; the unreadable file was kept as ${kept}` : undefined);
		},
	};
}
