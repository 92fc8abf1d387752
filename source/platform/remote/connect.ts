// `--connect URL`: another machine's `proctop --serve` as the platform. Each tick fetches its
// /snapshot (the --json document); the header meters are that machine's. It can only look: there
// is no way to signal over the network, so kill and renice refuse (and the UI runs --readonly).
// When the other side goes away a tick fails with one line and the next one tries again.
// I/O: HTTP requests to that URL.

import type {ProcessSample, Snapshot, Source} from '../../types.js';
import type {SystemReader} from '../meters.js';
import type {Platform} from '../platform.js';
import {fromDocument, type RemoteTick} from './document.js';

const TIMEOUT_MS = 5000;

/** An error that is all the user needs to read (cli.tsx prints it without a stack). */
const oneLine = (message: string) => Object.assign(new Error(message), {oneLine: true});

/** `host:9256`, `http://host:9256/`, `…/metrics` → the server's base URL. */
export function baseUrl(text: string): string {
	const withScheme = /^https?:\/\//.test(text) ? text : `http://${text}`;
	const url = new URL(withScheme);
	url.pathname = url.pathname.replace(/\/(metrics|snapshot)?\/?$/, '');
	url.search = '';
	return url.toString().replace(/\/$/, '');
}

const refuse = () => {
	throw Object.assign(new Error('read-only: signals are never sent over the network'), {code: 'EPERM'});
};

export function createRemotePlatform(url: string, token: string | undefined): Platform & {sampler: {source: Source; sample(): Promise<Snapshot>}} {
	const base = baseUrl(url);
	const host = new URL(base).host;
	let last: RemoteTick | undefined;
	let previous = new Map<string, ProcessSample>();

	async function fetchTick(): Promise<RemoteTick> {
		let response: Response;
		try {
			response = await fetch(`${base}/snapshot`, {headers: token ? {Authorization: `Bearer ${token}`} : {}, signal: AbortSignal.timeout(TIMEOUT_MS)});
		} catch (error) {
			const cause = (error as {cause?: {code?: string}}).cause?.code ?? (error as Error).name;
			// Before the first answer this ends the run (is the server there at all?); after, the next tick retries.
			throw oneLine(`cannot reach ${host} (${cause})${last ? '; trying again' : ': is proctop --serve running there?'}`);
		}
		if (response.status === 401) throw oneLine(`${host} wants a token: --token-file FILE`);
		if (!response.ok) throw oneLine(`${host} answered ${response.status}${last ? '; trying again' : ''}`);
		const tick = fromDocument(await response.json(), previous, last?.snapshot.takenAt);
		previous = new Map(tick.snapshot.processes.map(process => [process.key, process]));
		last = tick;
		return tick;
	}

	const source: Source = {
		name: 'remote',
		cpuKind: 'delta',
		clockTicks: 100,
		bootTimeMs: 0,
		read: () => Promise.reject(new Error('a remote platform has no process table of its own')),
	};
	const meters: SystemReader = {
		async read() {
			return (last ?? (await fetchTick())).system;
		},
	};
	return {
		kind: 'other',
		source,
		inspector: {argv: () => undefined, cwd: () => undefined, packageNear: () => undefined},
		meters,
		readIdentity: () => undefined,
		threadsOf: pid => [pid],
		kill: refuse,
		setNice: refuse,
		lookUpUser: name => name,
		sampler: {source, sample: async () => (await fetchTick()).snapshot},
	};
}
