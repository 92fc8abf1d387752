// startServing over the real sampler and a scripted table: a scrape that arrives before the
// first tick (the address is announced as soon as the socket listens) waits for that tick instead
// of answering with no groups, and still gets an answer when no tick comes.
import {afterEach, expect, test} from 'vitest';
import {startServing} from '../../source/serve/run-serve.js';
import {fakeSampler, fakeSystem, rawProcess} from '../helpers/fake-sampler.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const close of closers.splice(0)) await close();
});

let nextPort = 19_900 + (process.pid % 50) * 2;

async function serving(firstTickWaitMs?: number) {
	const sampler = fakeSampler(() => [rawProcess({pid: 10, name: 'nginx', command: 'nginx: worker'}), rawProcess({pid: 11, name: 'nginx'})]);
	const port = nextPort++;
	const settings = {host: '127.0.0.1', port, token: undefined, groupBy: 'comm' as const, topK: 10, version: '0.0.0', system: fakeSystem, firstTickWaitMs};
	const served = await startServing(sampler, settings);
	closers.push(served.close);
	return served;
}

/** Resolves to the body, and records whether it had come back by the time `settled()` is asked. */
function scrape(url: string) {
	let done = false;
	const body = fetch(url)
		.then(response => response.text())
		.finally(() => (done = true));
	return {body, settled: () => done};
}

test('a scrape before the first tick waits for it, then has every group', async () => {
	const {sampler, url} = await serving();
	const early = scrape(url);
	const json = scrape(url.replace('/metrics', '/snapshot'));
	await new Promise(resolve => setTimeout(resolve, 100));
	expect(early.settled()).toBe(false);
	expect(json.settled()).toBe(false);
	await sampler.sample();
	expect(await early.body).toMatch(/^namedprocess_namegroup_num_procs\{groupname="nginx"\} 2$/m);
	expect(JSON.parse(await json.body).processes).toHaveLength(2);
});

test('with no tick in time, /metrics answers with proctop’s own series and /snapshot says to retry', async () => {
	const {url} = await serving(50);
	const body = await (await fetch(url)).text();
	expect(body).not.toMatch(/^namedprocess_namegroup_num_procs\{/m);
	expect(body).toMatch(/^process_resident_memory_bytes \d+$/m);
	const json = await fetch(url.replace('/metrics', '/snapshot'));
	expect(json.status).toBe(503);
});

test('after the first tick a scrape is answered at once from the latest tick', async () => {
	const {sampler, url} = await serving(60_000);
	await sampler.sample();
	expect(await (await fetch(url)).text()).toMatch(/^namedprocess_namegroup_num_procs\{groupname="nginx"\} 2$/m);
});
