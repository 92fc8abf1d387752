#!/usr/bin/env node
// Entry point: flags → the platform (the one object that touches the OS) and a sampler over it →
// batch output or the interactive UI. Owns process-level concerns: exit codes and fatal errors.

import {availableParallelism} from 'node:os';
import {setFlagsFromString} from 'node:v8';
import {runBatch} from './batch/run-batch.js';
import {openSettings, type Settings} from './config.js';
import {parseFlags} from './flags.js';
import {rememberingSampler} from './history/remembering-sampler.js';
import {createHistory} from './history/ring.js';
import {identifyingSampler} from './identify/identifier.js';
import {ProcUnavailableError} from './platform/linux/procfs.js';
import {createPlatform, type Platform} from './platform/platform.js';
import {createColumnReads} from './sampling/column-reads.js';
import {createSampler, type Sampler} from './sampling/sampler.js';
import {createThreadSampler} from './sampling/threads.js';
import type {HistoryView, Options} from './types.js';
// Static, not import(): the first frame's modules load with the entry's, in one go, instead of
// one turn of the event loop and one file read after another (with the sampler's clock no longer
// loading perf_hooks: first frame 166 → 147 ms median at base); --json pays ~8 ms for them.
// Nothing here reaches Ink or React (test/unit/architecture.test.ts).
import {type DeferredDetails, deferredDetails, firstFrame} from './ui/first-frame.js';
import {applyV8Flags} from './v8-flags.cjs';

/**
 * Ink's layout engine (yoga-layout) decodes its inline WebAssembly through `fetch` when a global
 * fetch exists, and merely touching Node's lazy `fetch` loads undici: ~19 ms of start-up, a tenth
 * of our first-frame budget. Hidden while Ink loads, yoga takes its synchronous path instead.
 */
declare const PROCTOP_VERSION: string;

async function importWithoutFetch<T>(load: () => Promise<T>): Promise<T> {
	const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
	try {
		return await load();
	} finally {
		if (descriptor) Object.defineProperty(globalThis, 'fetch', descriptor);
	}
}

// Also here (not only in the bin launcher) so `npm start` and `node dist/cli.cjs` behave the same
// (v8-flags.cjs says what each flag is for).
applyV8Flags(setFlagsFromString);

/** `--kill :PORT…`: the signaller and socket table of this platform, real time, stdout/stderr. */
async function killPorts(request: NonNullable<Options['kill']>, sampler: Sampler, platform: Platform): Promise<number> {
	const {listening} = platform.inspector;
	if (!listening) {
		process.stderr.write('proctop: finding the process behind a port needs /proc (Linux); here, try lsof -i\n');
		return 1;
	}
	const {killPort} = await import('./actions/kill-port.js');
	const {createSignaller} = await import('./actions/signaller.js');
	return killPort({
		...request,
		sampler,
		signaller: createSignaller({platform}),
		listening,
		sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
		now: () => performance.now(),
		say: line => process.stdout.write(`${line}\n`),
		warn: line => process.stderr.write(`${line}\n`),
	});
}

/** `--connect URL`: the remote platform (its token read here), or the exit status when it cannot be. */
async function connect(request: NonNullable<Options['connect']>) {
	const {readTokenFile} = await import('./serve/server.js');
	const {createRemotePlatform} = await import('./platform/remote/connect.js');
	try {
		const token = request.tokenFile === undefined ? undefined : readTokenFile(request.tokenFile, '--token-file');
		return createRemotePlatform(request.url, token);
	} catch (error) {
		process.stderr.write(`proctop: ${(error as Error).message}\n`);
		return 2;
	}
}

type Serving = {sampler: Sampler; url: string; close: () => Promise<void>; headless: (intervalMs: number) => Promise<number>};

/** `--serve`: the token, the server and a sampler that feeds it; or the exit status when it cannot start. */
async function serve(request: NonNullable<Options['serve']>, sampler: Sampler, platform: Platform): Promise<Serving | number> {
	const {readTokenFile} = await import('./serve/server.js');
	const {startServing, serveHeadless} = await import('./serve/run-serve.js');
	let token: string | undefined;
	try {
		token = request.tokenFile === undefined ? undefined : readTokenFile(request.tokenFile);
	} catch (error) {
		process.stderr.write(`proctop: ${(error as Error).message}\n`);
		return 2;
	}
	try {
		const started = await startServing(sampler, {
			...request,
			token,
			system: platform.meters,
			readResources: platform.readResources,
			version: typeof PROCTOP_VERSION === 'string' ? PROCTOP_VERSION : '0.0.0-dev',
		});
		return {...started, headless: intervalMs => serveHeadless(started.sampler, intervalMs, started.close)};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		process.stderr.write(
			`proctop: cannot serve on ${request.host}:${request.port}: ${code === 'EADDRINUSE' ? 'that port is in use' : (code ?? String(error))}\n`,
		);
		return 1;
	}
}

/** Per tick, for labelling new processes in the UI: ~1,000 processes' worth on this machine. */
const IDENTIFY_BUDGET_MS = 25;

async function main(): Promise<number> {
	const options = await parseFlags(process.argv.slice(2));
	if (options.replay !== undefined) return replayMain({...options, replay: options.replay});
	const remote = options.connect ? await connect(options.connect) : undefined;
	if (typeof remote === 'number') return remote;
	const platform = remote ?? createPlatform();
	if (options.user !== undefined) {
		const user = platform.lookUpUser(options.user);
		if (user === undefined) {
			process.stderr.write(`proctop: no such user: ${JSON.stringify(options.user)}\n`);
			return 2;
		}
		options.user = user;
	}
	// --pick draws on the terminal even when stdout is a pipe: `kill $(proctop --pick)`.
	const interactive = !options.kill && !options.once && !options.json && (process.stdout.isTTY === true || options.pick);
	// The UI labels new processes within a budget per tick, so its first frame never waits for
	// thousands of command lines (it labels the rows it shows itself: ui/first-frame.ts); batch
	// output and --kill need every label and port at once.
	// A remote machine's snapshots come identified already.
	const identifying = remote
		? undefined
		: identifyingSampler(
				createSampler({source: platform.source, cores: availableParallelism()}),
				platform.inspector,
				interactive ? {budgetMs: IDENTIFY_BUDGET_MS} : {},
			);
	let sampler: Sampler = remote?.sampler ?? identifying!;
	if (options.kill) return killPorts(options.kill, sampler, platform);
	let recording: {close(): void} | undefined;
	if (options.record !== undefined) {
		const started = await startRecording(options.record, sampler, platform, options.intervalMs);
		if (typeof started === 'number') return started;
		recording = started;
		sampler = started.sampler;
		// No terminal (or a fixed count): record alone, silently, until SIGTERM/SIGINT or --count.
		if (!options.serve && (!interactive || process.stdin.isTTY !== true || options.count !== undefined)) {
			const {sampleUntilStopped} = await import('./sampling/headless-loop.js');
			await sampleUntilStopped(sampler, {intervalMs: options.intervalMs, count: options.count});
			started.close();
			return 0;
		}
	}
	let serving: Serving | undefined;
	if (options.serve) {
		const started = await serve(options.serve, sampler, platform);
		if (typeof started === 'number') return started;
		serving = started;
		// No terminal to draw on: serve alone until SIGTERM or SIGINT.
		if (!interactive || process.stdin.isTTY !== true) {
			process.stdout.write(`proctop: serving ${started.url} (SIGTERM or Ctrl+C stops)\n`);
			return started.headless(options.intervalMs).finally(() => recording?.close());
		}
	}
	if (!interactive) {
		const width = process.stdout.isTTY ? process.stdout.columns || 80 : Number.POSITIVE_INFINITY;
		const warn = (line: string) => process.stderr.write(`${line}\n`);
		const columnReads = options.columns ? createColumnReads(platform, sampler.source) : undefined;
		const {source} = sampler;
		const threads =
			options.threads && platform.threads ? createThreadSampler(platform.threads, {clockTicks: source.clockTicks, bootTimeMs: source.bootTimeMs}) : undefined;
		return runBatch({options, sampler, system: platform.meters, out: process.stdout, width, warn, columnReads, threads});
	}
	if (process.stdin.isTTY !== true) {
		process.stderr.write('proctop: the interactive view needs a terminal on stdin; use --once or --json for output you can pipe\n');
		return 1;
	}
	const history = options.history.ms > 0 ? createHistory({windowMs: options.history.ms}) : undefined;
	const watched = serving?.sampler ?? sampler;
	const remembering = history ? rememberingSampler(watched, history) : undefined;
	const code = await runUi({
		options,
		sampler: remembering ?? watched,
		platform,
		history,
		startupMessage: serving ? `serving ${serving.url}` : undefined,
		// --record writes the first tick as it comes, --serve publishes it: neither waits for a fill.
		details: remote || serving || recording ? undefined : deferredDetails(platform.source, remembering, identifying?.labelling),
	});
	await serving?.close();
	recording?.close();
	return code;
}

/** The interactive UI over a sampler and platform, with the remembered settings. */
async function runUi(context: {
	options: Options;
	sampler: Sampler;
	platform: Platform;
	history?: HistoryView;
	replay?: string;
	startupMessage?: string;
	details?: DeferredDetails;
}): Promise<number> {
	const {options} = context;
	const {settings, warning, save} = openSettings();
	const remembered = {
		sort: options.explicit.includes('sort') ? options.sort : (settings.sort ?? options.sort),
		tree: options.explicit.includes('tree') ? options.tree : (settings.tree ?? options.tree),
		intervalMs: options.explicit.includes('intervalMs') ? options.intervalMs : (settings.intervalMs ?? options.intervalMs),
		columns: options.columns ?? settings.columns,
		theme: options.explicit.includes('theme') ? options.theme : (settings.theme ?? options.theme),
		mouse: options.mouse ?? settings.mouse ?? false,
	};
	const opening = {
		...context,
		options: {...options, ...remembered},
		inverted: options.explicit.includes('sort') ? false : (settings.inverted ?? false),
		showKernelThreads: settings.showKernelThreads ?? false,
		startupMessage: warning ?? context.startupMessage,
	};
	// The first frame goes on the terminal before Ink and React are even loaded.
	const first = await firstFrame(opening);
	try {
		const {runInteractive} = await importWithoutFetch(() => import('./ui/run-interactive.js'));
		// What the UI changes is saved beside what only the file sets (the theme, the mouse), which it keeps.
		const byHand = {...(settings.theme ? {theme: settings.theme} : {}), ...(settings.mouse === undefined ? {} : {mouse: settings.mouse})};
		const saveSettings = (changed: Settings) => save({...byHand, ...changed});
		return await runInteractive({...opening, first, historyWindowLabel: options.history.label, saveSettings});
	} catch (error) {
		first.painted?.undo();
		throw error;
	}
}

/** `--replay FILE`: the recording as JSON, or in the UI as its history; 1 with one line when it cannot be read. */
async function replayMain(options: Options & {replay: string}): Promise<number> {
	const {openReplay, printReplayJson} = await import('./recording/run-replay.js');
	let opened: Awaited<ReturnType<typeof openReplay>>;
	try {
		opened = openReplay(options.replay);
	} catch (error) {
		process.stderr.write(`proctop: ${(error as Error).message}\n`);
		return 1;
	}
	if (options.json) return printReplayJson(opened, options, process.stdout, line => process.stderr.write(`${line}\n`));
	if (process.stdout.isTTY !== true || process.stdin.isTTY !== true) {
		process.stderr.write(
			'proctop: --replay shows the recording in the UI, which needs a terminal; for output you can pipe use --json --at TIME or --json --watch\n',
		);
		return 1;
	}
	const {replayPlatform} = await import('./recording/replay-platform.js');
	const platform = replayPlatform(opened.replay);
	return runUi({options, sampler: platform.sampler, platform, history: opened.replay, replay: options.replay, startupMessage: opened.warning});
}

/** `--record FILE`: a sampler that also appends to the file; or the exit status when it cannot be written. */
async function startRecording(path: string, sampler: Sampler, platform: Platform, intervalMs: number) {
	const {openForAppend} = await import('./recording/file.js');
	const {sessionHeader} = await import('./recording/format.js');
	const {recordingSampler} = await import('./recording/record.js');
	try {
		const hostname = (await platform.meters.read().catch(() => undefined))?.hostname ?? '?';
		const writer = openForAppend(path, sessionHeader(`proctop ${typeof PROCTOP_VERSION === 'string' ? PROCTOP_VERSION : '0.0.0-dev'}`, hostname, intervalMs));
		return {sampler: recordingSampler(sampler, writer, platform.meters), close: writer.close};
	} catch (error) {
		process.stderr.write(`proctop: ${(error as Error).message}\n`);
		return 1;
	}
}

main().then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		const readable = error instanceof ProcUnavailableError || (error as {oneLine?: boolean})?.oneLine === true;
		const message = readable ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error);
		process.stderr.write(`proctop: ${message}\n`);
		process.exitCode = 1;
	},
);
