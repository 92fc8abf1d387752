import {appendFileSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {parseMoment} from '../../source/history/moment.js';
import {openForAppend} from '../../source/recording/file.js';
import {
	createFrameEncoder,
	decodeFrameHeader,
	decodePayload,
	encodeFrame,
	FRAME_HEADER_BYTES,
	KIND,
	rowOf,
	sessionHeader,
} from '../../source/recording/format.js';
import {recordingSampler} from '../../source/recording/record.js';
import {openReplay} from '../../source/recording/run-replay.js';
import type {ProcessSample} from '../../source/types.js';
import {processSample, snapshotOf} from '../helpers/processes.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'recording-v1.ptrec');
const dir = () => mkdtempSync(join(tmpdir(), 'proctop-recording-'));
const START = Date.UTC(2026, 10, 29, 16, 0, 0);

/** Ticks of a small changing world: a busy process, an idle one, one that comes and goes, a rename. */
function world(tick: number): ProcessSample[] {
	return [
		processSample({pid: 1, name: 'init', cpuTicks: 100, uid: undefined}),
		processSample({
			pid: 10,
			name: 'busy',
			cpuTicks: tick * 7,
			cpuPercent: tick % 3 === 0 ? null : tick,
			residentBytes: 4096 * tick,
			state: tick % 2 ? 'R' : 'S',
		}),
		...(tick % 5 < 3 ? [processSample({pid: 20, startTicks: String(200 + Math.floor(tick / 5)), name: 'flaky'})] : []),
		processSample({
			pid: 30,
			name: tick < 7 ? 'before' : 'after',
			app: tick < 9 ? '' : 'api',
			ports: tick > 4 ? [{protocol: 'tcp', address: '0.0.0.0', port: 3000}] : [],
		}),
	];
}

async function record(path: string, ticks: number, keyframeEvery = 4) {
	const writer = openForAppend(path, sessionHeader('proctop test', 'host-a', 1000));
	const encode = createFrameEncoder(keyframeEvery);
	const snapshots = [];
	for (let tick = 0; tick < ticks; tick++) {
		const snapshot = {...snapshotOf(world(tick)), takenAt: START + tick * 1000};
		snapshots.push(snapshot);
		writer.write(await encode(snapshot));
	}
	writer.close();
	return snapshots;
}

describe('the recording format', () => {
	test('a sample rewritten in place (as the sampler reuses them) is diffed against what was written, not against itself', async () => {
		const path = join(dir(), 'reused.ptrec');
		const writer = openForAppend(path, sessionHeader('proctop test', 'host-a', 1000));
		const encode = createFrameEncoder(100);
		const process = processSample({pid: 10, name: 'busy', cpuTicks: 1});
		for (const [tick, cpuTicks] of [1, 2, 2, 5].entries()) {
			process.cpuTicks = cpuTicks;
			writer.write(await encode({...snapshotOf([process]), takenAt: START + tick * 1000}));
		}
		writer.close();
		const {replay} = openReplay(path);
		expect([0, 1, 2, 3].map(seq => replay.at(seq)!.snapshot.processes[0]!.cpuTicks)).toEqual([1, 2, 2, 5]);
	});

	test('a tick of thousands is encoded in slices with pauses between, and its frames say the same as one piece would', async () => {
		const many = Array.from({length: 6001}, (_, index) => processSample({pid: index + 1, name: `p${index}`, cpuTicks: index}));
		let pauses = 0;
		const encode = createFrameEncoder(2, async () => {
			pauses++;
		});
		const keyframe = await encode({...snapshotOf(many), takenAt: START});
		// Two pauses in the diff (at 2,500 and 5,000) and two between the keyframe's row slices.
		expect(pauses).toBe(4);
		const header = decodeFrameHeader(keyframe)!;
		expect(header.kind).toBe(KIND.keyframe);
		const payload = decodePayload(keyframe.subarray(FRAME_HEADER_BYTES)) as {rows: unknown[][]};
		expect(payload.rows).toEqual(JSON.parse(JSON.stringify(many.map((process, id) => [id, ...rowOf(process)]))));
		many[4000]!.cpuTicks = 1;
		const delta = await encode({...snapshotOf(many), takenAt: START + 1000});
		expect(pauses).toBe(6);
		expect(decodeFrameHeader(delta)!.kind).toBe(KIND.delta);
		const cpuTicksColumn = sessionHeader('t', 'h', 1000).fields.indexOf('cpuTicks');
		expect((decodePayload(delta.subarray(FRAME_HEADER_BYTES)) as {changed: unknown[][]}).changed).toEqual([[4000, cpuTicksColumn, 1]]);
	});

	test('the recorder lets the event loop run between slices of a large tick (a key is not kept waiting)', async () => {
		const many = Array.from({length: 6000}, (_, index) => processSample({pid: index + 1}));
		// The event loop's turns, counted until the encoder reaches the last process.
		let turns = 0;
		let reached: number | undefined;
		const turn = () => {
			if (reached !== undefined) return;
			turns++;
			setImmediate(turn);
		};
		const last = many.at(-1)!;
		const {key} = last;
		Object.defineProperty(last, 'key', {
			get() {
				reached ??= turns;
				return key;
			},
		});
		const frames: Buffer[] = [];
		const sampler = recordingSampler(
			{source: {} as never, sample: async () => ({...snapshotOf(many), takenAt: START})},
			{write: frame => frames.push(frame), close: () => {}},
			{read: async () => undefined as never},
		);
		setImmediate(turn);
		await sampler.sample();
		// Once before the encoding starts, then at 2,500 and 5,000 processes.
		expect(reached).toBeGreaterThanOrEqual(3);
		expect(frames).toHaveLength(1);
	});

	test('round trip: every moment comes back as it was recorded, in any order of seeking', async () => {
		const path = join(dir(), 'a.ptrec');
		const recorded = await record(path, 23);
		const {replay} = openReplay(path);
		expect(replay.range()).toEqual({oldest: 0, newest: 22});
		for (const seq of [22, 0, 5, 4, 3, 13, 14, 15, 9, 1, 22]) {
			const back = replay.at(seq)!.snapshot;
			expect(back.takenAt).toBe(recorded[seq]!.takenAt);
			expect(back.processes).toEqual([...recorded[seq]!.processes].sort((a, b) => a.pid - b.pid));
		}
		expect(replay.at(5)!.snapshot.changes.appeared).toEqual([processSample({pid: 20, startTicks: '201'}).key]);
		expect(replay.at(3)!.snapshot.changes.exited.map(gone => gone.pid)).toEqual([20]);
		expect(replay.seqAt(START + 4500)).toBe(4);
		expect(replay.exited(6).map(record => record.pid)).toEqual([20]);
		expect(replay.seriesOf(processSample({pid: 10}).key, 4).residentBytes).toEqual([0, 4096, 8192, 12_288, 16_384]);
	});

	test('a cut-off file replays up to its last whole moment, and says so', async () => {
		const path = join(dir(), 'cut.ptrec');
		await record(path, 6);
		const whole = readFileSync(path);
		writeFileSync(path, whole.subarray(0, whole.length - 7));
		const opened = openReplay(path);
		expect(opened.replay.range()).toEqual({oldest: 0, newest: 4});
		expect(opened.warning).toMatch(
			/cut\.ptrec: the last \d+ bytes are a cut-off or damaged frame \(an interrupted recording\?\); replaying up to \d\d:\d\d:\d\d/,
		);
	});

	test('a frame finished after the recording was closed (the user quit mid-tick) is dropped, and the file stays whole', async () => {
		const path = join(dir(), 'late.ptrec');
		const writer = openForAppend(path, sessionHeader('proctop test', 'host-a', 1000));
		const encode = createFrameEncoder(4);
		writer.write(await encode({...snapshotOf(world(0)), takenAt: START}));
		const late = encode({...snapshotOf(world(1)), takenAt: START + 1000});
		writer.close();
		const size = readFileSync(path).length;
		expect(() => writer.write(Buffer.from('late frame'))).not.toThrow();
		writer.write(await late);
		writer.close();
		expect(readFileSync(path).length).toBe(size);
		expect(openReplay(path).replay.range()).toEqual({oldest: 0, newest: 0});
	});

	test('appending to a cut-off recording trims the broken tail first, then adds a session', async () => {
		const path = join(dir(), 'append.ptrec');
		await record(path, 3);
		appendFileSync(path, Buffer.from([9, 0, 0, 0, 2, 1, 2]));
		await record(path, 2);
		const {replay, warning} = openReplay(path);
		expect(warning).toBeUndefined();
		expect(replay.sessions).toHaveLength(2);
		expect(replay.range()).toEqual({oldest: 0, newest: 4});
		expect(replay.at(4)!.snapshot.processes.map(process => process.name)).toContain('busy');
	});

	test('a file from a newer proctop is refused with one line that says what to do', () => {
		const path = join(dir(), 'newer.ptrec');
		writeFileSync(path, encodeFrame(KIND.session, START, {...sessionHeader('proctop 9.0.0', 'h', 1000), version: 2}));
		expect(() => openReplay(path)).toThrow(
			/newer\.ptrec was recorded by a newer proctop \(proctop 9\.0\.0, format 2\); this one reads format 1: upgrade proctop to replay it/,
		);
		// And never appended to by this one.
		expect(() => openForAppend(path, sessionHeader('x', 'h', 1000))).toThrow(/format 2/);
	});

	test('damaged bytes: one clear line naming where; the moments before still replay', async () => {
		const path = join(dir(), 'damaged.ptrec');
		await record(path, 8, 100);
		const bytes = readFileSync(path);
		// Flip bytes in the middle of the last frame's compressed payload.
		bytes.writeUInt8(bytes.readUInt8(bytes.length - 20) ^ 0xff, bytes.length - 20);
		bytes.writeUInt8(bytes.readUInt8(bytes.length - 21) ^ 0xff, bytes.length - 21);
		writeFileSync(path, bytes);
		const {replay} = openReplay(path);
		expect(replay.at(6)!.snapshot.processes.length).toBeGreaterThan(0);
		expect(() => replay.at(7)).toThrow(/damaged\.ptrec is damaged at byte \d+ \(a frame of 2026-11-29T16:00:07\.000Z\); the moments before it still replay/);
	});

	test('a file that is not a recording is neither replayed nor written over', () => {
		const path = join(dir(), 'notes.txt');
		writeFileSync(path, 'my notes\n');
		expect(() => openReplay(path)).toThrow(/notes\.txt is not a proctop recording/);
		expect(() => openForAppend(path, sessionHeader('x', 'h', 1000))).toThrow(
			/notes\.txt exists and is not a proctop recording; proctop will not write over it: choose another name/,
		);
		expect(readFileSync(path, 'utf8')).toBe('my notes\n');
	});

	test('the version 1 file committed in test/fixtures still reads, exactly', () => {
		const path = join(dir(), 'v1.ptrec');
		copyFileSync(FIXTURE, path);
		const {replay, warning} = openReplay(path);
		expect(warning).toBeUndefined();
		expect(replay.sessions[0]).toMatchObject({version: 1, createdBy: 'proctop 0.9.0', hostname: 'fixture-host'});
		expect(replay.range()).toEqual({oldest: 0, newest: 9});
		const moment = replay.at(replay.seqAt(Date.UTC(2026, 10, 29, 16, 0, 5))!)!;
		expect(moment.system?.uptimeSeconds).toBe(1005);
		expect(moment.snapshot.processes.map(process => [process.pid, process.name, process.app, process.cpuPercent])).toEqual([
			[1, 'init', '', 0],
			[100, 'node', 'api › server.js', 50],
			[4242, 'shortjob', '', 50],
		]);
		expect(replay.exited().map(record => [record.pid, new Date(record.endedAt).toISOString(), record.peakResidentBytes])).toEqual([
			[4242, '2026-11-29T16:00:06.000Z', 300 << 20],
		]);
	});
});

describe('parseMoment', () => {
	const start = Date.UTC(2026, 10, 29, 16, 0, 0);
	test('offsets from the start, ISO 8601, and nonsense', () => {
		expect(parseMoment('+90s', start)).toBe(start + 90_000);
		expect(parseMoment('+1h30m', start)).toBe(start + 5_400_000);
		expect(parseMoment('+45', start)).toBe(start + 45_000);
		expect(parseMoment('2026-11-29T16:04:12Z', start)).toBe(start + 252_000);
		expect(parseMoment('soon', start)).toBeUndefined();
		expect(parseMoment('25:00', start)).toBeUndefined();
	});
	test('a time of day is on the first day, or the next when it has passed', () => {
		const local = new Date(start);
		const atStart = `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
		expect(parseMoment(`${atStart}:30`, start)).toBe(start + 30_000);
		const before = new Date(start - 3_600_000);
		expect(parseMoment(`${String(before.getHours()).padStart(2, '0')}:00`, start)).toBe(start + 23 * 3_600_000);
	});
});
