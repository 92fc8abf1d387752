// Loads the program bundle (dist/cli.cjs) with V8's code cache, so a run after the first skips
// compiling it: Node 20 can cache only CommonJS code (`vm.Script`'s cachedData; a cache for ES
// modules needs Node 22). Measured, first frame: 110 → 92 ms at base, 312 → 283 at +5,000 processes.
// A cache holds what the run that wrote it had compiled. It is written once per bundle and Node
// version, 2 s into an interactive run (the monitor's first frame and UI compiled: the whole
// cache); any other run (--once, --json, a monitor quit sooner) that found none writes a partial
// one at exit, which the next interactive run replaces.
// Compiled code is trusted like the program itself: a cache file is used only when it is owned by
// this user and writable by no one else, and written only into a directory this user owns (made,
// if need be, only under one of theirs).
// Any failure (no home, a read-only disk, a rejected cache) means compiling as usual, silently.
// I/O: reads the bundle; reads and writes $XDG_CACHE_HOME/proctop (~/.cache/proctop).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const {createRequire} = require('node:module');

const WRITE_AFTER_MS = 2000;
const PREFIX = 'code-';

/** $XDG_CACHE_HOME/proctop, or ~/.cache/proctop; undefined without an absolute base (XDG: a relative one is ignored). */
function cacheDirectory(env, home) {
	const base =
		env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home && path.isAbsolute(home) ? path.join(home, '.cache') : undefined;
	return base && path.join(base, 'proctop');
}

/** One name per bundle build and Node (a cache V8 would reject is never even read), without its ending. */
function cacheName(bundleStat, nodeVersion, arch) {
	return `${PREFIX}${nodeVersion}-${arch}-${bundleStat.size}-${Math.floor(bundleStat.mtimeMs)}`;
}

/** The whole cache (written 2 s into a run) and the partial one (written at the exit of a shorter run). */
const WHOLE = '.bin';
const PARTIAL = '-partial.bin';

/** Whether a file or directory with this stat may be trusted by user `uid`: theirs, and no one else may write it. */
function ownedAlone(stat, uid) {
	return stat.uid === uid && (stat.mode & 0o022) === 0;
}

/** The cache's bytes when it is there and trusted, else undefined. */
function readTrusted(file, uid) {
	let descriptor;
	try {
		// The checks are on the opened file, so a swap after them cannot change what is read.
		descriptor = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
		if (!ownedAlone(fs.fstatSync(descriptor), uid)) return undefined;
		return fs.readFileSync(descriptor);
	} catch {
		return undefined;
	} finally {
		if (descriptor !== undefined) fs.closeSync(descriptor);
	}
}

/** Writes `data` as `file` (whole or not at all), in a directory this user owns alone; drops the other caches beside it. */
function writeCache(directory, file, data, uid) {
	try {
		// Made only under a directory of this user's: `sudo proctop` with the user's HOME must not
		// leave root's files in their ~/.cache.
		let existing = directory;
		while (!fs.existsSync(existing)) existing = path.dirname(existing);
		if (fs.statSync(existing).uid !== uid) return;
		fs.mkdirSync(directory, {recursive: true, mode: 0o700});
		if (!ownedAlone(fs.lstatSync(directory), uid)) return;
		const staging = `${file}.${process.pid}.tmp`;
		fs.writeFileSync(staging, data, {mode: 0o600});
		fs.renameSync(staging, file);
		for (const name of fs.readdirSync(directory)) {
			const other = path.join(directory, name);
			if (name.startsWith(PREFIX) && other !== file) fs.rmSync(other, {force: true});
		}
	} catch {}
}

/**
 * Runs the CommonJS bundle at `bundle` as Node would, compiled from the cache when one is usable.
 * `interactive`: this run is the monitor on a terminal, so it may write the whole cache.
 */
function runBundle(bundle, {interactive}) {
	const uid = typeof process.geteuid === 'function' ? process.geteuid() : undefined;
	// latin1: the build makes the program ASCII only, and reading it so skips decoding 600 KB of
	// UTF-8: 7.4 → 6.5 ms here, median of 12 starts each (a whole first frame: ~135 ms).
	const source = fs.readFileSync(bundle, 'latin1').replace(/^#!.*/, '');
	// Windows has no owner to check: no cache there.
	const directory = uid === undefined ? undefined : cacheDirectory(process.env, process.env.HOME);
	const base = directory && path.join(directory, cacheName(fs.statSync(bundle), process.version, process.arch));
	const whole = base && readTrusted(base + WHOLE, uid);
	const cached = whole ?? (base && readTrusted(base + PARTIAL, uid));
	const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {filename: bundle, cachedData: cached});
	const accepted = cached !== undefined && !script.cachedDataRejected;
	if (base && !(accepted && whole !== undefined)) {
		let wroteWhole = false;
		if (interactive) {
			setTimeout(() => {
				wroteWhole = true;
				writeCache(directory, base + WHOLE, script.createCachedData(), uid);
			}, WRITE_AFTER_MS).unref();
		}
		// A run too short for that, which found no cache it could use, leaves a partial one (and
		// drops a whole one V8 rejected).
		if (!accepted) process.once('exit', () => wroteWhole || writeCache(directory, base + PARTIAL, script.createCachedData(), uid));
	}
	const module = {exports: {}, filename: bundle, id: bundle, loaded: false};
	script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
}

module.exports = {cacheDirectory, cacheName, ownedAlone, readTrusted, writeCache, runBundle, WHOLE, PARTIAL};
