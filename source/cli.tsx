#!/usr/bin/env node
// Entry point: flags → the platform (the one object that touches the OS) and a sampler over it →
// batch output or the interactive UI. Owns process-level concerns: exit codes and fatal errors.

import {availableParallelism} from 'node:os';
import {setFlagsFromString} from 'node:v8';
import {runBatch} from './batch/run-batch.js';
import {parseFlags} from './flags.js';
import {ProcUnavailableError} from './platform/linux/procfs.js';
import {createPlatform} from './platform/platform.js';
import {createSampler} from './sampling/sampler.js';

/**
 * Ink's layout engine (yoga-layout) decodes its inline WebAssembly through `fetch` when a global
 * fetch exists, and merely touching Node's lazy `fetch` loads undici: ~19 ms of start-up, a tenth
 * of our first-frame budget. Hidden while Ink loads, yoga takes its synchronous path instead.
 */
async function importWithoutFetch<T>(load: () => Promise<T>): Promise<T> {
	const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
	try {
		return await load();
	} finally {
		if (descriptor) Object.defineProperty(globalThis, 'fetch', descriptor);
	}
}

// Also here (not only in the bin launcher) so `npm start` and `node dist/cli.js` behave the same:
// V8's young generation otherwise grows to 32 MB; small and fixed costs the same CPU (bench/steady).
setFlagsFromString('--semi-space-growth-factor=1');

async function main(): Promise<number> {
	const options = parseFlags(process.argv.slice(2));
	const platform = createPlatform();
	if (options.user !== undefined) {
		const user = platform.lookUpUser(options.user);
		if (user === undefined) {
			process.stderr.write(`proctop: no such user: ${JSON.stringify(options.user)}\n`);
			return 2;
		}
		options.user = user;
	}
	const sampler = createSampler({source: platform.source, cores: availableParallelism()});
	// --pick draws on the terminal even when stdout is a pipe: `kill $(proctop --pick)`.
	const interactive = !options.once && !options.json && (process.stdout.isTTY === true || options.pick);
	if (!interactive) {
		const width = process.stdout.isTTY ? process.stdout.columns || 80 : Number.POSITIVE_INFINITY;
		return runBatch({options, sampler, system: platform.meters, out: process.stdout, width});
	}
	if (process.stdin.isTTY !== true) {
		process.stderr.write('proctop: the interactive view needs a terminal on stdin; use --once or --json for output you can pipe\n');
		return 1;
	}
	const {openSettings} = await import('./config.js');
	const {settings, warning, save} = openSettings();
	const remembered = {
		sort: options.explicit.includes('sort') ? options.sort : (settings.sort ?? options.sort),
		tree: options.explicit.includes('tree') ? options.tree : (settings.tree ?? options.tree),
		intervalMs: options.explicit.includes('intervalMs') ? options.intervalMs : (settings.intervalMs ?? options.intervalMs),
	};
	const {runInteractive} = await importWithoutFetch(() => import('./ui/run-interactive.js'));
	return runInteractive({
		options: {...options, ...remembered},
		inverted: options.explicit.includes('sort') ? false : (settings.inverted ?? false),
		showKernelThreads: settings.showKernelThreads ?? false,
		sampler,
		platform,
		startupMessage: warning,
		saveSettings: save,
	});
}

main().then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		const message = error instanceof ProcUnavailableError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
		process.stderr.write(`proctop: ${message}\n`);
		process.exitCode = 1;
	},
);
