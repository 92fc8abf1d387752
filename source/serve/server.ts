// The HTTP side of `--serve`: GET /metrics answers from the latest tick the sampler already took
// (a scrape never walks /proc). Read-only: there is no way to signal anything over the network.
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
	/** The exposition text of the latest tick. */
	metrics: () => string;
};

const TIMEOUT_MS = 5000;
// Enough for 200 scrapers at once; a flood beyond it is dropped instead of holding memory.
const MAX_CONNECTIONS = 256;
const TEXT_FORMAT = 'text/plain; version=0.0.4; charset=utf-8';

/** The token in a file (one line; surrounding whitespace dropped); throws a one-line Error. */
export function readTokenFile(path: string): string {
	let text: string;
	try {
		text = readFileSync(path, 'utf8').trim();
	} catch (error) {
		throw new Error(`cannot read --serve-token-file ${JSON.stringify(path)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
	}
	if (text.length < 16) throw new Error(`--serve-token-file ${JSON.stringify(path)} holds ${text.length ? 'a token shorter than 16 characters' : 'no token'}`);
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

export function startMetricsServer(options: MetricsServerOptions): Promise<Server> {
	const server = createServer((request, response) => {
		if (!authorized(request, options.token)) return answer(response, 401, 'unauthorized\n', {'WWW-Authenticate': 'Bearer'});
		if (request.method !== 'GET' && request.method !== 'HEAD') return answer(response, 405, 'read-only: GET /metrics\n', {Allow: 'GET, HEAD'});
		const path = (request.url ?? '/').split('?')[0];
		if (path === '/metrics') return answer(response, 200, options.metrics(), {'Content-Type': TEXT_FORMAT});
		if (path === '/') return answer(response, 200, 'proctop: metrics at /metrics\n');
		return answer(response, 404, 'not found: GET /metrics\n');
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
