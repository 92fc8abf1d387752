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
};

/** Starts the server; resolves to a sampler that feeds it and a way to stop it. */
export async function startServing(sampler: Sampler, settings: ServeSettings) {
	const metrics = createMetrics({groupBy: settings.groupBy, topK: settings.topK, clockTicks: sampler.source.clockTicks, version: settings.version});
	const tracker = settings.readResources && createResourceTracker(settings.readResources);
	const startTimeSeconds = Date.now() / 1000 - process.uptime();
	const listeners = new Set<(line: string) => void>();
	let latest: Snapshot | undefined;
	const documentOf = async (snapshot: Snapshot) => JSON.stringify(toJsonDocument(snapshot, await settings.system.read(), snapshot.processes));
	const server = await startMetricsServer({
		host: settings.host,
		port: settings.port,
		token: settings.token,
		metrics(format) {
			const usage = process.cpuUsage();
			return metrics.render({cpuSeconds: (usage.user + usage.system) / 1e6, residentBytes: process.memoryUsage.rss(), startTimeSeconds}, format);
		},
		snapshot: async () => (latest ? documentOf(latest) : undefined),
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
