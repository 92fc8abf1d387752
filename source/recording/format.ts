// The recording format (`--record FILE`, `--replay FILE`), version 1, as bytes (pure; the file
// itself is file.ts). Documented for people in docs/recording-format.md.
//
// A recording is a sequence of frames, each written whole with one write so that a crash can cut
// off at most the last one (a reader stops at the last whole frame):
//
//   u32 LE  payload length N
//   u8      kind: 1 session header, 2 keyframe, 3 delta
//   f64 LE  takenAt, ms since the epoch (the header: when recording started)
//   N bytes the payload: JSON, zlib-compressed (its Adler-32 catches damaged bytes)
//
// A session header opens every recording session (appending to a recording adds a session):
// {format, version, fields, createdBy, hostname, intervalMs}. `fields` names the columns of a
// process row, so a later version may add fields and still read these files. Process ids in
// frames are numbers scoped to the session. A keyframe carries every process as a full row; a
// delta carries new processes as full rows (`born`), changed processes as [id, column, value,
// column, value…] (`changed`), and the ids gone since the frame before (`gone`); each frame also
// carries the tick's own figures and the header meters.

import {promisify} from 'node:util';
import {deflate, deflateSync, inflateSync} from 'node:zlib';
import {noPause, type Pause, YIELD_EVERY} from '../sampling/yield.js';
import type {ProcessSample, Snapshot, SystemSample} from '../types.js';

export const FORMAT = 'proctop-recording';
export const VERSION = 1;
export const FRAME_HEADER_BYTES = 13;
export const KIND = {session: 1, keyframe: 2, delta: 3} as const;
export type FrameKind = (typeof KIND)[keyof typeof KIND];

/** The columns of a process row, in order (the session header repeats them). */
export const FIELDS = [
	'key',
	'pid',
	'ppid',
	'pgrp',
	'session',
	'tty',
	'flags',
	'state',
	'name',
	'command',
	'uid',
	'user',
	'cpuTicks',
	'systemTicks',
	'priority',
	'nice',
	'threads',
	'startTicks',
	'virtualBytes',
	'residentBytes',
	'isKernelThread',
	'cpuPercent',
	'memoryPercent',
	'cpuSeconds',
	'startTimeMs',
	'isOrphan',
	'app',
	'service',
	'ports',
] as const satisfies ReadonlyArray<keyof ProcessSample>;

export type SessionHeader = {format: string; version: number; fields: string[]; createdBy: string; hostname: string; intervalMs: number};

/** What a keyframe or delta holds beside the processes: the tick's figures and the header meters. */
export type TickFigures = Omit<Snapshot, 'processes' | 'changes'> & {system?: SystemSample};

export type KeyframePayload = {tick: TickFigures; rows: unknown[][]};
export type DeltaPayload = {tick: TickFigures; born: unknown[][]; changed: unknown[][]; gone: number[]};

export class RecordingError extends Error {
	readonly oneLine = true;
}

export function encodeFrame(kind: FrameKind, takenAt: number, payload: unknown): Buffer {
	return frameOf(kind, takenAt, deflateSync(Buffer.from(JSON.stringify(payload))));
}

/** The frame around an already compressed payload. */
function frameOf(kind: FrameKind, takenAt: number, body: Buffer): Buffer {
	const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + body.length);
	frame.writeUInt32LE(body.length, 0);
	frame.writeUInt8(kind, 4);
	frame.writeDoubleLE(takenAt, 5);
	body.copy(frame, FRAME_HEADER_BYTES);
	return frame;
}

export type FrameHeader = {length: number; kind: FrameKind; takenAt: number};

/** The 13 bytes before a payload; undefined when they are not a frame's. */
export function decodeFrameHeader(bytes: Buffer): FrameHeader | undefined {
	if (bytes.length < FRAME_HEADER_BYTES) return undefined;
	const kind = bytes.readUInt8(4);
	if (kind !== KIND.session && kind !== KIND.keyframe && kind !== KIND.delta) return undefined;
	const takenAt = bytes.readDoubleLE(5);
	if (!Number.isFinite(takenAt)) return undefined;
	return {length: bytes.readUInt32LE(0), kind, takenAt};
}

/** A payload's JSON; throws when the bytes are damaged (zlib's checksum) or not JSON. */
export function decodePayload(body: Buffer): unknown {
	return JSON.parse(inflateSync(body).toString('utf8'));
}

export function sessionHeader(createdBy: string, hostname: string, intervalMs: number): SessionHeader {
	return {format: FORMAT, version: VERSION, fields: [...FIELDS], createdBy, hostname, intervalMs};
}

/** Refuses what this version cannot read, in one line naming the file. */
export function checkSessionHeader(header: unknown, file: string): SessionHeader {
	const candidate = header as Partial<SessionHeader> | undefined;
	if (candidate?.format !== FORMAT || !Array.isArray(candidate.fields)) throw new RecordingError(`${file} is not a proctop recording`);
	if (typeof candidate.version !== 'number' || candidate.version > VERSION)
		throw new RecordingError(
			`${file} was recorded by a newer proctop (${candidate.createdBy ?? 'unknown'}, format ${candidate.version}); this one reads format ${VERSION}: upgrade proctop to replay it`,
		);
	return candidate as SessionHeader;
}

export function rowOf(process: ProcessSample): unknown[] {
	return FIELDS.map(field => process[field]);
}

/** A row back into a process, by the column names its session header gave. */
export function processOfRow(row: readonly unknown[], fields: readonly string[]): ProcessSample {
	const process: Record<string, unknown> = {};
	for (let index = 0; index < fields.length; index++) process[fields[index]!] = row[index];
	// A field a newer writer added is kept; one an older writer lacked gets a neutral value.
	process.app ??= '';
	process.service ??= '';
	process.ports ??= [];
	process.systemTicks ??= 0;
	// JSON has no undefined: an unknown owner was written as null.
	process.uid ??= undefined;
	return process as ProcessSample;
}

function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	// Ports are the one array; compare them by content (a new array each tick, same sockets).
	return Array.isArray(a) && Array.isArray(b) && JSON.stringify(a) === JSON.stringify(b);
}

const deflateAsync = promisify(deflate);

/** A keyframe's JSON, its rows turned to text a slice at a time (one JSON.stringify of 10,000 rows holds the loop). */
async function keyframeJson(figures: TickFigures, rows: unknown[][], pause: Pause): Promise<string> {
	const parts: string[] = [];
	for (let from = 0; from < rows.length; from += YIELD_EVERY) {
		if (from > 0) await pause();
		// The slice's own brackets come off: the slices are joined into one array.
		parts.push(JSON.stringify(rows.slice(from, from + YIELD_EVERY)).slice(1, -1));
	}
	return `{"tick":${JSON.stringify(figures)},"rows":[${parts.join(',')}]}`;
}

/**
 * Turns ticks into frames: a keyframe every `keyframeEvery` ticks, deltas between. Keeps the
 * last row of every live process to diff against (the only state a writer holds), rewritten in
 * place: a new row per process per tick outlived the tick and was promoted by V8 (at 10,000
 * processes 5 MB a second of old-generation garbage), where now only what changed is new.
 *
 * The work is sliced with `pause` between slices and the compression runs off the main thread
 * (zlib's thread pool): at 10,000 processes the diff alone took ~25 ms a tick in one piece, a
 * keyframe ~80, and a key pressed meanwhile waited for all of it. Calls must not overlap (a
 * recorder encodes tick after tick).
 */
export function createFrameEncoder(keyframeEvery = 120, pause: Pause = noPause) {
	/** Each live process's id, its row as last written, and the last tick that saw it. */
	const written = new Map<string, {id: number; row: unknown[]; seen: number}>();
	let nextId = 0;
	let ticks = 0;

	function tickFigures(snapshot: Snapshot, system: SystemSample | undefined): TickFigures {
		const {processes: _processes, changes: _changes, ...figures} = snapshot;
		return system ? {...figures, system} : figures;
	}

	return async function encode(snapshot: Snapshot, system?: SystemSample): Promise<Buffer> {
		const tick = ++ticks;
		const keyframe = (tick - 1) % keyframeEvery === 0;
		const born: unknown[][] = [];
		const changed: unknown[][] = [];
		const rows: unknown[][] = [];
		const {processes} = snapshot;
		// Indexed, not for…of: once a tick this stays unoptimised, where an array iterator allocates per step.
		for (let index = 0; index < processes.length; index++) {
			if (index > 0 && index % YIELD_EVERY === 0) await pause();
			const process = processes[index]!;
			const known = written.get(process.key);
			// Twice in one table (a garbled source): the first counts.
			if (known?.seen === tick) continue;
			if (!known) {
				const entry = {id: nextId++, row: rowOf(process), seen: tick};
				written.set(process.key, entry);
				(keyframe ? rows : born).push([entry.id, ...entry.row]);
				continue;
			}
			known.seen = tick;
			const row = known.row;
			let diff: unknown[] | undefined;
			for (let column = 0; column < FIELDS.length; column++) {
				const value = process[FIELDS[column]!];
				if (sameValue(value, row[column])) continue;
				row[column] = value;
				if (!diff) diff = [known.id];
				diff.push(column, value);
			}
			if (keyframe) rows.push([known.id, ...row]);
			else if (diff) changed.push(diff);
		}
		const gone: number[] = [];
		// forEach: no [key, value] pair allocated per process per tick, as for…of would.
		written.forEach((entry, key) => {
			if (entry.seen === tick) return;
			gone.push(entry.id);
			written.delete(key);
		});
		const figures = tickFigures(snapshot, system);
		const json = keyframe ? await keyframeJson(figures, rows, pause) : JSON.stringify({tick: figures, born, changed, gone} satisfies DeltaPayload);
		return frameOf(keyframe ? KIND.keyframe : KIND.delta, snapshot.takenAt, await deflateAsync(Buffer.from(json)));
	};
}
