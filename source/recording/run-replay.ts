// `--replay FILE`: open the recording (one line when it cannot be), and `--json --at TIME` (one
// moment, as `--json` prints it) or `--json --watch` (every moment, NDJSON). The UI side is
// cli.tsx's: the same UI over the replay as its history. I/O: the file (through file.ts) and
// the stream it is given.

import {toJsonDocument} from '../batch/json.js';
import {MOMENT_FORMS, parseMoment} from '../history/moment.js';
import {formatClock} from '../model/format.js';
import {selectProcesses} from '../model/select.js';
import type {Options} from '../types.js';
import {openRecording, readFramePayload} from './file.js';
import {RecordingError} from './format.js';
import {createReplay, type Replay, systemOf} from './replay.js';

export type OpenedReplay = {replay: Replay; warning: string | undefined; close(): void};

/** Throws a RecordingError (one line) when the file cannot be replayed at all. */
export function openReplay(path: string): OpenedReplay {
	const file = openRecording(path);
	try {
		const replay = createReplay({index: file.index, payload: frame => readFramePayload(file.fd, frame)}, path);
		const range = replay.range();
		if (!range) throw new RecordingError(`${path} holds no moments yet`);
		const {end, size} = file.index;
		const warning =
			end < size
				? `${path}: the last ${size - end} bytes are a cut-off or damaged frame (an interrupted recording?); replaying up to ${formatClock(replay.takenAt(range.newest)!)}`
				: undefined;
		return {replay, warning, close: file.close};
	} catch (error) {
		file.close();
		throw error;
	}
}

/** `--json --at` / `--json --watch` over a replay; resolves to the exit status. */
export async function printReplayJson(opened: OpenedReplay, options: Options, out: NodeJS.WritableStream, warn: (line: string) => void): Promise<number> {
	const {replay} = opened;
	const range = replay.range()!;
	if (opened.warning) warn(`proctop: ${opened.warning}`);
	const selection = {filter: options.filter, user: options.user, sort: options.sort, inverted: false, pids: options.pids};
	const documentAt = (seq: number) => {
		const moment = replay.at(seq)!;
		return toJsonDocument(moment.snapshot, systemOf(replay, moment.system), selectProcesses(moment.snapshot.processes, selection));
	};
	if (options.at !== undefined) {
		const start = replay.takenAt(range.oldest)!;
		const ms = parseMoment(options.at, start);
		if (ms === undefined) {
			warn(`proctop: --at ${JSON.stringify(options.at)} is not valid: expected ${MOMENT_FORMS}`);
			return 2;
		}
		const newest = replay.takenAt(range.newest)!;
		if (ms < start || ms > newest + 60_000)
			warn(`proctop: the recording runs from ${new Date(start).toISOString()} to ${new Date(newest).toISOString()}; printing the nearest moment`);
		out.write(`${JSON.stringify(documentAt(replay.seqAt(ms)!), null, 2)}\n`);
		return 0;
	}
	const last = Math.min(range.newest, range.oldest + (options.count ?? Number.POSITIVE_INFINITY) - 1);
	for (let seq = range.oldest; seq <= last; seq++) {
		const line = `${JSON.stringify(documentAt(seq))}\n`;
		// Back-pressure: a slow reader (| less) holds the stream, not our memory.
		if (!out.write(line)) await new Promise(resolve => out.once('drain', resolve));
	}
	return 0;
}
