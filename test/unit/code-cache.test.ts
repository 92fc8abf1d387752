// The launcher's code cache (source/code-cache.cjs) on real files: where it lives, which files it
// trusts (this user's, writable by no one else, not through a link), that it writes whole files
// only into a directory this user owns, and a bundle run through it: a short first run leaves a
// partial cache, a run of 2 s the whole one, later runs use it (and leave it alone), and a damaged
// one is replaced while the program still runs.
import {spawnSync} from 'node:child_process';
import {chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';

const LOADER = join(import.meta.dirname, '..', '..', 'source', 'code-cache.cjs');
const {cacheDirectory, cacheName, ownedAlone, readTrusted, writeCache, WHOLE, PARTIAL} = createRequire(import.meta.url)(LOADER) as {
	WHOLE: string;
	PARTIAL: string;
	cacheDirectory(env: Record<string, string | undefined>, home: string | undefined): string | undefined;
	cacheName(stat: {size: number; mtimeMs: number}, nodeVersion: string, arch: string): string;
	ownedAlone(stat: {uid: number; mode: number}, uid: number): boolean;
	readTrusted(file: string, uid: number): Buffer | undefined;
	writeCache(directory: string, file: string, data: Buffer, uid: number): void;
};
const uid = process.getuid!();
const root = uid === 0;
const temporary = () => mkdtempSync(join(tmpdir(), 'proctop-code-cache-'));

describe('where the cache lives and what it is called', () => {
	test('$XDG_CACHE_HOME/proctop when absolute, else ~/.cache/proctop, else nowhere', () => {
		expect(cacheDirectory({XDG_CACHE_HOME: '/var/cache/me'}, '/home/me')).toBe('/var/cache/me/proctop');
		expect(cacheDirectory({XDG_CACHE_HOME: 'relative/cache'}, '/home/me')).toBe('/home/me/.cache/proctop');
		expect(cacheDirectory({}, '/home/me')).toBe('/home/me/.cache/proctop');
		expect(cacheDirectory({}, undefined)).toBeUndefined();
		expect(cacheDirectory({}, 'not/absolute')).toBeUndefined();
	});

	test('one name per bundle build and Node, so another build or Node never reads this one', () => {
		const name = cacheName({size: 900_000, mtimeMs: 1_700_000_000_123.7}, 'v20.20.2', 'x64');
		expect(name).toBe('code-v20.20.2-x64-900000-1700000000123');
		expect(cacheName({size: 900_001, mtimeMs: 1_700_000_000_123.7}, 'v20.20.2', 'x64')).not.toBe(name);
		expect(cacheName({size: 900_000, mtimeMs: 1_700_000_009_000}, 'v20.20.2', 'x64')).not.toBe(name);
		expect(cacheName({size: 900_000, mtimeMs: 1_700_000_000_123.7}, 'v22.1.0', 'x64')).not.toBe(name);
	});
});

describe('which files it trusts', () => {
	test('only this user’s, and writable by no one else', () => {
		expect(ownedAlone({uid: 1000, mode: 0o100600}, 1000)).toBe(true);
		expect(ownedAlone({uid: 1000, mode: 0o100644}, 1000)).toBe(true);
		expect(ownedAlone({uid: 1001, mode: 0o100600}, 1000)).toBe(false);
		expect(ownedAlone({uid: 1000, mode: 0o100620}, 1000)).toBe(false);
		expect(ownedAlone({uid: 1000, mode: 0o100602}, 1000)).toBe(false);
		expect(ownedAlone({uid: 1000, mode: 0o40777}, 1000)).toBe(false);
	});

	test('reads its own file; not one others may write, not through a symbolic link, not a missing one', () => {
		const directory = temporary();
		const file = join(directory, 'code-a.bin');
		writeFileSync(file, 'compiled', {mode: 0o600});
		expect(readTrusted(file, uid)?.toString()).toBe('compiled');
		chmodSync(file, 0o620);
		expect(readTrusted(file, uid)).toBeUndefined();
		chmodSync(file, 0o600);
		const link = join(directory, 'code-link.bin');
		symlinkSync(file, link);
		expect(readTrusted(link, uid)).toBeUndefined();
		expect(readTrusted(join(directory, 'absent.bin'), uid)).toBeUndefined();
	});

	test.runIf(root)('as root: not a file another user owns (sudo with the user’s HOME)', () => {
		const directory = temporary();
		const file = join(directory, 'code-a.bin');
		writeFileSync(file, 'compiled', {mode: 0o600});
		chownSync(file, 65534, 65534);
		expect(readTrusted(file, 0)).toBeUndefined();
	});
});

describe('how it writes', () => {
	test('a whole file, private, in a private directory it makes; older caches beside it go', () => {
		const base = temporary();
		const directory = join(base, 'proctop');
		mkdirSync(directory, {mode: 0o700});
		writeFileSync(join(directory, 'code-old.bin'), 'old');
		writeFileSync(join(directory, 'settings.json'), '{}');
		const file = join(directory, 'code-new.bin');
		writeCache(directory, file, Buffer.from('new'), uid);
		expect(readFileSync(file, 'utf8')).toBe('new');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(readdirSync(directory).sort()).toEqual(['code-new.bin', 'settings.json']);
		const fresh = join(base, 'made', 'proctop');
		writeCache(fresh, join(fresh, 'code-x.bin'), Buffer.from('x'), uid);
		expect(statSync(fresh).mode & 0o777).toBe(0o700);
		expect(readFileSync(join(fresh, 'code-x.bin'), 'utf8')).toBe('x');
	});

	test('nothing into a directory others may write', () => {
		const directory = join(temporary(), 'proctop');
		mkdirSync(directory);
		chmodSync(directory, 0o777);
		writeCache(directory, join(directory, 'code-x.bin'), Buffer.from('x'), uid);
		expect(readdirSync(directory)).toEqual([]);
	});

	test.runIf(root)('as root: no directory made in another user’s (sudo with the user’s HOME)', () => {
		const home = temporary();
		chownSync(home, 65534, 65534);
		const directory = join(home, '.cache', 'proctop');
		writeCache(directory, join(directory, 'code-x.bin'), Buffer.from('x'), 0);
		expect(readdirSync(home)).toEqual([]);
	});

	test.runIf(root)('as root: nothing into another user’s directory', () => {
		const directory = join(temporary(), 'proctop');
		mkdirSync(directory, {mode: 0o700});
		chownSync(directory, 65534, 65534);
		writeCache(directory, join(directory, 'code-x.bin'), Buffer.from('x'), 0);
		expect(readdirSync(directory)).toEqual([]);
	});
});

describe('a bundle run through it', () => {
	/**
	 * Runs `bundle` the way the launcher does, with this cache home: a short run (--once), a long
	 * one without a terminal (--serve), or the monitor on one, 2.5 s each; what it printed, and the
	 * cache files after.
	 */
	function run(bundle: string, cacheHome: string, kind: 'short' | 'headless' | 'monitor' = 'short') {
		const long = kind !== 'short';
		const load = `require(${JSON.stringify(LOADER)}).runBundle(${JSON.stringify(bundle)}, {interactive: ${kind === 'monitor'}})`;
		const result = spawnSync(process.execPath, ['-e', load], {
			encoding: 'utf8',
			env: {...process.env, XDG_CACHE_HOME: cacheHome, LONG: long ? '1' : ''},
		});
		let files: string[] = [];
		try {
			files = readdirSync(join(cacheHome, 'proctop'));
		} catch {}
		return {stdout: result.stdout, stderr: result.stderr, status: result.status, files};
	}
	const ran = {stdout: 'ran 45 true', stderr: '', status: 0};

	test('a short run leaves a partial cache, a 2 s run the whole one; each is then used as it is; a damaged one is replaced', () => {
		const base = temporary();
		const bundle = join(base, 'cli.cjs');
		// A CommonJS module like the real bundle: require, module and __dirname are the usual ones.
		const source = [
			'#!/usr/bin/env node',
			"const {join} = require('node:path');",
			'function work(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }',
			'module.exports = work;',
			`process.stdout.write('ran ' + work(10) + ' ' + (join(__dirname, 'x') === join(${JSON.stringify(base)}, 'x')));`,
			'if (process.env.LONG) setTimeout(() => {}, 2500);',
		];
		writeFileSync(bundle, `${source.join('\n')}\n`);
		const cacheHome = join(base, 'cache');
		const name = cacheName(statSync(bundle), process.version, process.arch);
		const path = (ending: string) => join(cacheHome, 'proctop', name + ending);

		// Short (--once): nothing to use, so a partial cache at exit; and so for a long run that is not the monitor.
		expect(run(bundle, cacheHome)).toMatchObject({...ran, files: [name + PARTIAL]});
		rmSync(join(cacheHome, 'proctop'), {recursive: true});
		expect(run(bundle, cacheHome, 'headless')).toMatchObject({...ran, files: [name + PARTIAL]});
		const partial = statSync(path(PARTIAL)).mtimeMs;
		// V8 took it: nothing is written again (a rejected cache is rewritten).
		expect(run(bundle, cacheHome)).toMatchObject({...ran, files: [name + PARTIAL]});
		expect(statSync(path(PARTIAL)).mtimeMs).toBe(partial);

		// Long (the monitor): the whole cache 2 s in, in place of the partial one; then used as it is.
		expect(run(bundle, cacheHome, 'monitor')).toMatchObject({...ran, files: [name + WHOLE]});
		const whole = statSync(path(WHOLE));
		expect(whole.mode & 0o777).toBe(0o600);
		expect(run(bundle, cacheHome, 'monitor')).toMatchObject({...ran, files: [name + WHOLE]});
		expect(run(bundle, cacheHome)).toMatchObject({...ran, files: [name + WHOLE]});
		expect(statSync(path(WHOLE)).mtimeMs).toBe(whole.mtimeMs);

		// Damaged: V8 rejects it, the program runs compiled as usual, and a good cache replaces it.
		const garbage = Buffer.alloc(whole.size, 0x5a);
		writeFileSync(path(WHOLE), garbage, {mode: 0o600});
		expect(run(bundle, cacheHome, 'monitor')).toMatchObject({...ran, files: [name + WHOLE]});
		expect(readFileSync(path(WHOLE)).equals(garbage)).toBe(false);
		const replaced = statSync(path(WHOLE)).mtimeMs;
		expect(run(bundle, cacheHome)).toMatchObject({...ran, files: [name + WHOLE]});
		expect(statSync(path(WHOLE)).mtimeMs).toBe(replaced);
		// Damaged again, and only short runs: the rejected one goes, a partial one takes its place.
		writeFileSync(path(WHOLE), garbage, {mode: 0o600});
		expect(run(bundle, cacheHome)).toMatchObject({...ran, files: [name + PARTIAL]});
	}, 30_000);

	test('with nowhere to write (no home, a relative cache home) it runs all the same', () => {
		const base = temporary();
		const bundle = join(base, 'cli.cjs');
		writeFileSync(bundle, "process.stdout.write('ran');\n");
		const result = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(LOADER)}).runBundle(${JSON.stringify(bundle)}, {interactive: true})`], {
			encoding: 'utf8',
			env: {PATH: process.env.PATH, XDG_CACHE_HOME: 'relative'},
			cwd: base,
		});
		expect(result).toMatchObject({stdout: 'ran', stderr: '', status: 0});
		expect(readdirSync(base)).toEqual(['cli.cjs']);
	});

	test('the built program is ASCII only, so reading it as latin1 reads it exactly', () => {
		// The build refuses anything else (scripts/build.js); global setup has built dist/.
		const program = readFileSync(join(import.meta.dirname, '..', '..', 'dist', 'cli.cjs'));
		expect(program.length).toBeGreaterThan(100_000);
		expect(program.findIndex(byte => byte > 0x7f)).toBe(-1);
	});
});
