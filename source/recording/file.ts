// The recording on disk: appending frames (`--record`), and reading them back by offset
// (`--replay`). I/O: the one file named on the command line. A frame goes out in one write, so a
// crash cuts off at most the last; a cut-off or damaged tail is where reading stops, and the
// bytes before it stay readable. Appending first trims such a tail, so the new frames follow the
// last whole one.

import {closeSync, existsSync, fstatSync, ftruncateSync, openSync, readSync, writeSync} from 'node:fs';
import {
	checkSessionHeader,
	decodeFrameHeader,
	decodePayload,
	encodeFrame,
	FRAME_HEADER_BYTES,
	type FrameKind,
	KIND,
	RecordingError,
	type SessionHeader,
} from './format.js';

export type FrameEntry = {offset: number; length: number; kind: FrameKind; takenAt: number};

export type FrameIndex = {
	frames: FrameEntry[];
	/** Where whole frames end; beyond it, the bytes of a cut-off or damaged frame (if any). */
	end: number;
	size: number;
};

function code(error: unknown): string {
	return (error as NodeJS.ErrnoException)?.code ?? String(error);
}

/** Bytes read at a time while indexing: headers are found in big reads, not one read per frame. */
const INDEX_CHUNK = 1 << 20;

/** Walks the frame headers (payloads are skipped, not decoded): where each frame is, of what kind, and when. */
export function indexFrames(fd: number): FrameIndex {
	const size = fstatSync(fd).size;
	const chunk = Buffer.allocUnsafe(INDEX_CHUNK);
	const frames: FrameEntry[] = [];
	let chunkStart = 0;
	let chunkLength = 0;
	let offset = 0;
	while (offset + FRAME_HEADER_BYTES <= size) {
		// Refill when the next header is not wholly in the buffer.
		if (offset < chunkStart || offset + FRAME_HEADER_BYTES > chunkStart + chunkLength) {
			chunkStart = offset;
			chunkLength = readSync(fd, chunk, 0, Math.min(INDEX_CHUNK, size - offset), offset);
			if (chunkLength < FRAME_HEADER_BYTES) break;
		}
		const at = offset - chunkStart;
		const decoded = decodeFrameHeader(chunk.subarray(at, at + FRAME_HEADER_BYTES));
		if (!decoded || offset + FRAME_HEADER_BYTES + decoded.length > size) break;
		frames.push({offset, ...decoded});
		offset += FRAME_HEADER_BYTES + decoded.length;
	}
	return {frames, end: offset, size};
}

export function readFramePayload(fd: number, frame: FrameEntry): unknown {
	const body = Buffer.allocUnsafe(frame.length);
	readSync(fd, body, 0, frame.length, frame.offset + FRAME_HEADER_BYTES);
	return decodePayload(body);
}

/** Opens a recording to read; throws one line when it cannot be read at all. */
export function openRecording(path: string): {fd: number; index: FrameIndex; close(): void} {
	let fd: number;
	try {
		fd = openSync(path, 'r');
	} catch (error) {
		throw new RecordingError(`cannot read ${path} (${code(error)})`);
	}
	const index = indexFrames(fd);
	const first = index.frames[0];
	if (!first || first.kind !== KIND.session) {
		closeSync(fd);
		throw new RecordingError(index.size === 0 ? `${path} is empty` : `${path} is not a proctop recording`);
	}
	return {fd, index, close: () => closeSync(fd)};
}

/**
 * Opens `path` to append a new session: a new file, or an existing proctop recording (its
 * cut-off tail trimmed). Anything else is refused in one line and left untouched.
 */
export function openForAppend(path: string, header: SessionHeader): {write(frame: Buffer): void; close(): void} {
	let fd: number;
	try {
		fd = openSync(path, existsSync(path) ? 'r+' : 'wx+');
	} catch (error) {
		throw new RecordingError(`cannot write ${path} (${code(error)})`);
	}
	try {
		const index = indexFrames(fd);
		if (index.size > 0) {
			const first = index.frames[0];
			if (!first || first.kind !== KIND.session)
				throw new RecordingError(`${path} exists and is not a proctop recording; proctop will not write over it: choose another name`);
			let existing: unknown;
			try {
				existing = readFramePayload(fd, first);
			} catch {
				throw new RecordingError(`${path} exists and is not a proctop recording; proctop will not write over it: choose another name`);
			}
			checkSessionHeader(existing, path);
			if (index.end < index.size) ftruncateSync(fd, index.end);
		}
	} catch (error) {
		closeSync(fd);
		throw error;
	}
	let position = fstatSync(fd).size;
	let closed = false;
	const write = (frame: Buffer) => {
		// A tick still being encoded when the user quit ends after the close: its frame is dropped,
		// never written to a descriptor number that may by then name another file.
		if (closed) return;
		let written = 0;
		while (written < frame.length) written += writeSync(fd, frame, written, frame.length - written, position + written);
		position += frame.length;
	};
	write(encodeFrame(KIND.session, Date.now(), header));
	return {
		write,
		close: () => {
			if (closed) return;
			closed = true;
			closeSync(fd);
		},
	};
}
