// The HTTP side of `--serve`: GET /metrics (Prometheus) and GET /snapshot (the --json document,
// or a stream of them with ?watch=1, for `--connect`) answer from the latest tick the sampler
// took: a request never walks /proc, and one that comes before the first tick waits for it.
// Read-only: there is no way to signal anything over the network.
// A bearer token (compared in constant time) guards everything when one is set; timeouts and a
// connection limit keep a slow or hostile client from holding anything.
// I/O: a listening socket (node:http) and reading the token file.

import {createHash, timingSafeEqual} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';

export type MetricsServerOptions = {
	host: string;
	port: number;
	token: string | undefined;
	/** The exposition of the latest tick, in the format the scraper asked for. */
	metrics: (format: 'text' | 'openmetrics') => Promise<string>;
	/** The latest tick as the --json document (one line), or undefined when there is none yet. */
	snapshot: () => Promise<string | undefined>;
	/** Calls back with each new tick's document line until the returned function is called. */
	subscribe: (listener: (line: string) => void) => () => void;
};

const TIMEOUT_MS = 5000;
// Enough for 200 scrapers at once; a flood beyond it is dropped instead of holding memory.
const MAX_CONNECTIONS = 256;
const TEXT_FORMAT = 'text/plain; version=0.0.4; charset=utf-8';
const OPENMETRICS_FORMAT = 'application/openmetrics-text; version=1.0.0; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const NDJSON_TYPE = 'application/x-ndjson; charset=utf-8';
/** A watcher that falls this far behind (it stopped reading) is dropped, not buffered for. */
const MAX_BUFFERED = 8 << 20;

/** The token in a file (one line; surrounding whitespace dropped); throws a one-line Error naming the flag. */
export function readTokenFile(path: string, flag = '--serve-token-file'): string {
	let text: string;
	try {
		text = readFileSync(path, 'utf8').trim();
	} catch (error) {
		throw new Error(`cannot read ${flag} ${JSON.stringify(path)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
	}
	if (text.length < 16) throw new Error(`${flag} ${JSON.stringify(path)} holds ${text.length ? 'a token shorter than 16 characters' : 'no token'}`);
	return text;
}

/** Equal-length digests, so the comparison takes the same time whatever was sent. */
const digest = (text: string) => createHash('sha256').update(text).digest();

function authorized(request: IncomingMessage, token: string | undefined): boolean {
	if (token === undefined) return true;
	const header = request.headers.authorization ?? '';
	const sent = header.startsWith('Bearer ') ? header.slice(7) : '';
	return timingSafeEqual(digest(sent), digest(token));
}

function answer(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
	response.writeHead(status, {'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers});
	response.end(body);
}

/** GET /snapshot: the latest --json document; `?watch=1`: one per tick, NDJSON, until the client leaves. */
async function snapshot(request: IncomingMessage, response: ServerResponse, options: MetricsServerOptions) {
	const watch = new URL(request.url ?? '/', 'http://x').searchParams.get('watch') === '1';
	const first = await options.snapshot();
	if (!watch)
		return first === undefined
			? answer(response, 503, 'no sample yet; try again in a second\n')
			: answer(response, 200, `${first}\n`, {'Content-Type': JSON_TYPE});
	response.writeHead(200, {'Content-Type': NDJSON_TYPE, 'Cache-Control': 'no-store'});
	if (first !== undefined) response.write(`${first}\n`);
	// A stream outlives the request timeout on purpose; a client that stops reading is dropped.
	request.socket.setTimeout(0);
	const unsubscribe = options.subscribe(line => {
		if (response.writableLength > MAX_BUFFERED) response.destroy();
		else response.write(`${line}\n`);
	});
	response.on('close', unsubscribe);
}

export function startMetricsServer(options: MetricsServerOptions): Promise<Server> {
	const server = createServer((request, response) => {
		if (!authorized(request, options.token)) return answer(response, 401, 'unauthorized\n', {'WWW-Authenticate': 'Bearer'});
		if (request.method !== 'GET' && request.method !== 'HEAD') return answer(response, 405, 'read-only: GET /metrics or /snapshot\n', {Allow: 'GET, HEAD'});
		const path = (request.url ?? '/').split('?')[0];
		if (path === '/metrics') {
			// OpenMetrics when the scraper says it takes it (Prometheus does), else the classic text.
			const open = /application\/openmetrics-text/.test(request.headers.accept ?? '');
			return void options
				.metrics(open ? 'openmetrics' : 'text')
				.then(body => answer(response, 200, body, {'Content-Type': open ? OPENMETRICS_FORMAT : TEXT_FORMAT}));
		}
		if (path === '/snapshot') return snapshot(request, response, options);
		if (path === '/') return answer(response, 200, 'proctop: metrics at /metrics, the process list at /snapshot\n');
		return answer(response, 404, 'not found: GET /metrics or /snapshot\n');
	});
	server.requestTimeout = TIMEOUT_MS;
	server.headersTimeout = TIMEOUT_MS;
	server.keepAliveTimeout = TIMEOUT_MS;
	server.maxConnections = MAX_CONNECTIONS;
	// A malformed request gets a 400 and the connection closes; it never reaches the handler.
	server.on('clientError', (_, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
		else socket.destroy();
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve(server);
		});
	});
}
