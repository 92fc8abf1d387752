// `--serve`: a sampler whose every tick also feeds the metrics, the server over it, and the
// headless loop for when there is no terminal (sampling/headless-loop.ts).
// I/O: through the server and the sampler it is given; the headless loop owns signal handlers.

import {toJsonDocument} from '../batch/json.js';
import type {SystemReader} from '../platform/meters.js';
import {sampleUntilStopped} from '../sampling/headless-loop.js';
import type {Sampler} from '../sampling/sampler.js';
import {yieldToEvents} from '../sampling/yield.js';
import type {Snapshot} from '../types.js';
import {createMetrics, type GroupBy} from './metrics.js';
import {createResourceTracker, type ReadResources} from './resource-tracker.js';
import {startMetricsServer} from './server.js';

/**
 * How long a request that arrives before the first tick waits for it. The address is announced
 * as soon as the socket listens, and the first sample of a large table can take a second: a
 * scrape in between would otherwise get no groups at all, and Prometheus would store that.
 */
const FIRST_TICK_WAIT_MS = 3000;

export type ServeSettings = {
	host: string;
	port: number;
	token: string | undefined;
	groupBy: GroupBy;
	topK: number;
	version: string;
	system: SystemReader;
	/** Swap, context switches, storage bytes and fds per process; absent where the platform has none. */
	readResources?: ReadResources;
	/** FIRST_TICK_WAIT_MS unless a test shortens it. */
	firstTickWaitMs?: number;
};

/** Starts the server; resolves to a sampler that feeds it and a way to stop it. */
export async function startServing(sampler: Sampler, settings: ServeSettings) {
	const metrics = createMetrics({groupBy: settings.groupBy, topK: settings.topK, clockTicks: sampler.source.clockTicks, version: settings.version});
	const tracker = settings.readResources && createResourceTracker(settings.readResources);
	const startTimeSeconds = Date.now() / 1000 - process.uptime();
	const listeners = new Set<(line: string) => void>();
	let latest: Snapshot | undefined;
	let tickTaken!: () => void;
	const firstTick = new Promise<void>(resolve => (tickTaken = resolve));
	const waitMs = settings.firstTickWaitMs ?? FIRST_TICK_WAIT_MS;
	const afterFirstTick = () => (latest ? undefined : Promise.race([firstTick, new Promise<void>(resolve => setTimeout(resolve, waitMs).unref())]));
	const documentOf = async (snapshot: Snapshot) => JSON.stringify(toJsonDocument(snapshot, await settings.system.read(), snapshot.processes));
	const server = await startMetricsServer({
		host: settings.host,
		port: settings.port,
		token: settings.token,
		async metrics(format) {
			await afterFirstTick();
			const usage = process.cpuUsage();
			return metrics.render({cpuSeconds: (usage.user + usage.system) / 1e6, residentBytes: process.memoryUsage.rss(), startTimeSeconds}, format, yieldToEvents);
		},
		async snapshot() {
			await afterFirstTick();
			return latest && documentOf(latest);
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	});
	const feeding: Sampler = {
		source: sampler.source,
		async sample() {
			const snapshot = await sampler.sample();
			// In slices, the event loop let in between (keys, scrapes): at 10,000 processes the
			// tracker and the metrics held it ~30 ms in one piece.
			await yieldToEvents();
			const resources = tracker ? await tracker.update(snapshot.processes, yieldToEvents) : undefined;
			await metrics.update(snapshot, resources, yieldToEvents);
			latest = snapshot;
			tickTaken();
			if (listeners.size > 0) {
				const line = await documentOf(snapshot);
				for (const listener of listeners) listener(line);
			}
			return snapshot;
		},
	};
	const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${settings.port}/metrics`;
	return {sampler: feeding, url, close: () => new Promise<void>(resolve => server.close(() => resolve()))};
}

/** No terminal: sample every interval until SIGTERM or SIGINT, then stop cleanly (status 0). */
export async function serveHeadless(sampler: Sampler, intervalMs: number, close: () => Promise<void>): Promise<number> {
	await sampleUntilStopped(sampler, {intervalMs});
	await close();
	return 0;
}
