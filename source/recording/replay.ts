// A recording read back as remembered ticks (the HistoryView the UI steps through), for
// `--replay FILE`. Frames are indexed once (headers only) and decoded on demand: a moment is its
// keyframe plus the deltas after it (at most 119), so a seek anywhere costs about the same in a
// 24-hour file as in a short one. Stepping forward continues from the last moment decoded.
// Pure over the frame reader it is given (recording/file.ts reads the file).

import {machineCpu} from '../history/ring.js';
import type {ExitedRecord, HistoryView, ProcessSample, ProcessSeries, Snapshot, SystemSample} from '../types.js';
import type {FrameEntry, FrameIndex} from './file.js';
import {checkSessionHeader, type DeltaPayload, type KeyframePayload, KIND, processOfRow, RecordingError, type SessionHeader} from './format.js';

/** How many ticks before the moment shown the exited list and the graphs look back (10 minutes at 1 s). */
const LOOK_BACK = 600;

type Tick = {frame: FrameEntry; session: number};

/** A moment's live rows by session-scoped id (each row: [id, ...fields]). */
type State = {seq: number; rows: Map<number, unknown[]>; payload: KeyframePayload | DeltaPayload; gone: unknown[][]};

export type FrameReader = {index: FrameIndex; payload(frame: FrameEntry): unknown};

export type Replay = HistoryView & {sessions: readonly SessionHeader[]; seqAt(ms: number): number | undefined};

/** A moment's header meters, or (recorded when they could not be read) zeros under the recorded host name. */
export function systemOf(replay: Replay, system: SystemSample | undefined): SystemSample {
	return (
		system ?? {
			hostname: replay.sessions.at(-1)?.hostname ?? '?',
			memory: {totalBytes: 0, usedBytes: 0, availableBytes: 0},
			swap: {totalBytes: 0, usedBytes: 0},
			uptimeSeconds: 0,
			loadAverage: [0, 0, 0],
		}
	);
}

export function createReplay(reader: FrameReader, path: string): Replay {
	const sessions: SessionHeader[] = [];
	const ticks: Tick[] = [];
	for (const frame of reader.index.frames) {
		if (frame.kind === KIND.session) sessions.push(checkSessionHeader(payloadOf(frame), path));
		else if (sessions.length > 0) ticks.push({frame, session: sessions.length - 1});
	}
	let cached: State | undefined;

	function payloadOf(frame: FrameEntry): unknown {
		try {
			return reader.payload(frame);
		} catch {
			throw new RecordingError(
				`${path} is damaged at byte ${frame.offset} (a frame of ${new Date(frame.takenAt).toISOString()}); the moments before it still replay`,
			);
		}
	}

	/** The moment `seq` as rows: from the cached moment when it is on the way, else from the keyframe before it. */
	function stateAt(seq: number): State {
		let start = seq;
		while (start > 0 && ticks[start]!.frame.kind !== KIND.keyframe && ticks[start - 1]!.session === ticks[seq]!.session) start--;
		let state: State;
		if (cached && cached.seq <= seq && cached.seq >= start && ticks[cached.seq]!.session === ticks[seq]!.session) state = cached;
		else {
			const payload = payloadOf(ticks[start]!.frame) as KeyframePayload;
			// A session's first frame is a keyframe; if it is not (damage), start from what there is.
			const rows = new Map<number, unknown[]>((payload.rows ?? []).map(row => [row[0] as number, row]));
			state = {seq: start, rows, payload, gone: []};
		}
		while (state.seq < seq) state = applyDelta(state, payloadOf(ticks[state.seq + 1]!.frame) as DeltaPayload);
		cached = state;
		return state;
	}

	/** The next moment; changes `state.rows` in place (only the newest decoded moment is ever kept). */
	function applyDelta(state: State, payload: DeltaPayload): State {
		const rows = state.rows;
		const gone: unknown[][] = [];
		for (const id of payload.gone ?? []) {
			const row = rows.get(id);
			if (row) gone.push(row);
			rows.delete(id);
		}
		for (const row of payload.born ?? []) rows.set(row[0] as number, row);
		for (const change of payload.changed ?? []) {
			const before = rows.get(change[0] as number);
			if (!before) continue;
			const row = [...before];
			// Columns count from the first field; the row's cell 0 is the id.
			for (let index = 1; index + 1 < change.length; index += 2) row[(change[index] as number) + 1] = change[index + 1];
			rows.set(change[0] as number, row);
		}
		return {seq: state.seq + 1, rows, payload, gone};
	}

	function processesOf(state: State, session: number): ProcessSample[] {
		const fields = sessions[session]!.fields;
		const processes = [...state.rows.values()].map(row => processOfRow(row.slice(1), fields));
		return processes.sort((a, b) => a.pid - b.pid);
	}

	function at(seq: number): {snapshot: Snapshot; system: SystemSample | undefined} | undefined {
		if (!Number.isInteger(seq) || seq < 0 || seq >= ticks.length) return undefined;
		const state = stateAt(seq);
		const tick = ticks[seq]!;
		const fields = sessions[tick.session]!.fields;
		const {system, ...figures} = state.payload.tick;
		const born = 'born' in state.payload ? state.payload.born : [];
		const snapshot: Snapshot = {
			...figures,
			processes: processesOf(state, tick.session),
			changes: {
				appeared: born.map(row => processOfRow(row.slice(1), fields).key),
				exited: state.gone.map(row => {
					const process = processOfRow(row.slice(1), fields);
					return {key: process.key, pid: process.pid, name: process.name, command: process.command};
				}),
				reparented: [],
			},
		};
		return {snapshot, system};
	}

	/** Visits every tick from `from` to `to` of one session with its rows, and a column lookup by field name. */
	function walk(from: number, to: number, visit: (seq: number, rows: Map<number, unknown[]>, column: (field: string) => number) => void): void {
		const session = ticks[to]!.session;
		const fields = sessions[session]!.fields;
		// Cell 0 of a row is the id; the fields follow.
		const column = (field: string) => fields.indexOf(field) + 1;
		let start = Math.max(0, from);
		while (ticks[start]!.session !== session) start++;
		for (let seq = start; seq <= to; seq++) visit(seq, stateAt(seq).rows, column);
	}

	function lastSeq(until?: number): number {
		return Math.min(ticks.length - 1, until ?? ticks.length - 1);
	}

	function seriesOf(key: string, until?: number): ProcessSeries {
		const series: ProcessSeries = {takenAt: [], cpuPercent: [], residentBytes: []};
		if (ticks.length === 0) return series;
		const to = lastSeq(until);
		walk(to - LOOK_BACK + 1, to, (seq, rows, column) => {
			let row: unknown[] | undefined;
			for (const candidate of rows.values())
				if (candidate[column('key')] === key) {
					row = candidate;
					break;
				}
			if (!row && series.takenAt.length === 0) return;
			series.takenAt.push(ticks[seq]!.frame.takenAt);
			series.cpuPercent.push(row ? ((row[column('cpuPercent')] as number | null) ?? Number.NaN) : Number.NaN);
			series.residentBytes.push(row ? (row[column('residentBytes')] as number) : Number.NaN);
		});
		return series;
	}

	function exited(until?: number): ExitedRecord[] {
		if (ticks.length === 0) return [];
		const to = lastSeq(until);
		const seen = new Map<string, ExitedRecord & {lastSeq: number}>();
		walk(to - LOOK_BACK + 1, to, (seq, rows, column) => {
			const [key, cpu, resident] = [column('key'), column('cpuPercent'), column('residentBytes')];
			for (const row of rows.values()) {
				let record = seen.get(row[key] as string);
				if (!record) {
					const text = (field: string) => String(row[column(field)] ?? '');
					record = {
						key: row[key] as string,
						pid: row[column('pid')] as number,
						name: text('name'),
						app: text('app'),
						command: text('command'),
						startTimeMs: row[column('startTimeMs')] as number,
						endedAt: 0,
						peakCpuPercent: 0,
						peakResidentBytes: 0,
						lastSeq: seq,
					};
					seen.set(record.key, record);
				}
				record.lastSeq = seq;
				record.peakCpuPercent = Math.max(record.peakCpuPercent, (row[cpu] as number | null) ?? 0);
				record.peakResidentBytes = Math.max(record.peakResidentBytes, row[resident] as number);
			}
		});
		return [...seen.values()]
			.filter(record => record.lastSeq < to)
			.map(({lastSeq: last, ...record}) => ({...record, endedAt: ticks[last + 1]!.frame.takenAt}))
			.sort((a, b) => b.endedAt - a.endedAt);
	}

	/** Per tick: machine CPU% and memory used, read once from each frame's figures. */
	const machine = new Map<number, {cpu: number; memory: number}>();
	function machineSeries(count: number, until?: number): {cpuPercent: number[]; memoryUsed: number[]} {
		const series = {cpuPercent: [] as number[], memoryUsed: [] as number[]};
		if (ticks.length === 0) return series;
		const last = lastSeq(until);
		for (let seq = Math.max(0, last - count + 1); seq <= last; seq++) {
			let figures = machine.get(seq);
			if (!figures) {
				const {tick} = payloadOf(ticks[seq]!.frame) as KeyframePayload;
				const memory = tick.system && tick.system.memory.totalBytes > 0 ? tick.system.memory.usedBytes / tick.system.memory.totalBytes : Number.NaN;
				figures = {cpu: machineCpu(tick.cpuPercentPerCore ?? []), memory};
				machine.set(seq, figures);
			}
			series.cpuPercent.push(figures.cpu);
			series.memoryUsed.push(figures.memory);
		}
		return series;
	}

	function seqAt(ms: number): number | undefined {
		if (ticks.length === 0) return undefined;
		let low = 0;
		let high = ticks.length - 1;
		if (ms < ticks[0]!.frame.takenAt) return 0;
		while (low < high) {
			const middle = Math.ceil((low + high) / 2);
			if (ticks[middle]!.frame.takenAt <= ms) low = middle;
			else high = middle - 1;
		}
		return low;
	}

	return {
		sessions,
		range: () => (ticks.length === 0 ? undefined : {oldest: 0, newest: ticks.length - 1}),
		at,
		takenAt: seq => ticks[seq]?.frame.takenAt,
		exited,
		seriesOf,
		seqAt,
		machineSeries,
	};
}
