// `--serve [ADDR:]PORT` (pure): where to listen, and whether that is loopback only. The address
// defaults to 127.0.0.1 and the port to 9256 (the port process-exporter users will not be on).

export const DEFAULT_PORT = 9256;

export type ServeAddress = {host: string; port: number; loopback: boolean};

const isLoopback = (host: string) => /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === 'localhost';

/** The address, or a one-line reason it is not one. */
export function parseServeAddress(text: string): ServeAddress | {error: string} {
	const trimmed = text.trim();
	// PORT alone, :PORT, ADDR:PORT, [IPv6]:PORT, or nothing (the defaults).
	const match = /^\d+$/.test(trimmed)
		? [trimmed, undefined, '', trimmed]
		: (/^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d+)$/.exec(trimmed) ?? (trimmed === '' ? ['', undefined, '', ''] : null));
	if (!match) return {error: `--serve ${JSON.stringify(text)} is not an address: expected PORT, :PORT or ADDR:PORT (e.g. 9256, 0.0.0.0:9256, [::1]:9256)`};
	const host = match[1] ?? (match[2] || '127.0.0.1');
	const port = match[3] === '' || match[3] === undefined ? DEFAULT_PORT : Number(match[3]);
	if (!Number.isInteger(port) || port < 1 || port > 65_535) return {error: `--serve ${JSON.stringify(text)}: the port must be 1 to 65535`};
	return {host, port, loopback: isLoopback(host)};
}
