// What proctop remembers: every tick of the last `windowMs`, so the UI can show any past moment,
// the processes that exited, and one process's CPU and memory over time. Bounded by design:
// what never changes for an identity (pid, start, owner) is kept once per (pid, start time); a
// tick stores only the processes that changed since the previous one (an idle process costs
// nothing), and of each only the figures that changed (a busy process's CPU, not its parent or
// its priority), plus a full keyframe every BLOCK ticks so any moment is rebuilt from at most
// BLOCK − 1 deltas. What only a live process needs (its row of latest figures, its recent CPU
// for the graph column) is let go when it exits; its name and peaks stay for the exited list.
// Old ticks go a block at a time, and identities seen in none of the kept ticks with them.
// Pure: fed snapshots, returns snapshots.

import type {ExitedRecord, HistoryView, Listener, ProcessSample, ProcessSeries, Snapshot, SystemSample} from '../types.js';
import {createNumberRows} from './number-rows.js';

/** Ticks of CPU% each process carries for its graph column. */
export const RECENT_TICKS = 16;

/** The exited list stops at this many (the most recent). */
const EXITED_SHOWN = 500;

/** Ticks per block: one keyframe, then deltas (10 minutes at 5 s, 2 at 1 s). */
export const BLOCK = 120;

/** The figures that change tick to tick, in this order in a row of numbers. */
const NUMBERS = [
	'ppid',
	'pgrp',
	'session',
	'tty',
	'flags',
	'state',
	'cpuTicks',
	'systemTicks',
	'priority',
	'nice',
	'threads',
	'virtualBytes',
	'residentBytes',
	'cpuPercent',
	'memoryPercent',
	'isOrphan',
	'cpuSeconds',
] as const;
const WIDTH = NUMBERS.length;
/** A row's figures as bits (bit c: column c): which of them a tick stores. */
const ALL_COLUMNS = 2 ** WIDTH - 1;
const STATE = NUMBERS.indexOf('state');
const CPU_PERCENT = NUMBERS.indexOf('cpuPercent');
const RESIDENT = NUMBERS.indexOf('residentBytes');

/** Text a process may change (exec, prctl, setproctitle, a late label), kept by reference. */
type Texts = {name: string; command: string; user: string; app: string; service: string; ports: readonly Listener[]};

/** What never changes for one identity, and what is known about its whole life. */
export type Identity = {
	id: number;
	key: string;
	pid: number;
	/** Its owner's uid as last seen (it changes with its user text: a setuid, or details read late). */
	uid: number | undefined;
	startTicks: string;
	startTimeMs: number;
	isKernelThread: boolean;
	/** The first and last tick (sequence numbers) it was seen in. */
	firstSeq: number;
	lastSeq: number;
	peakCpuPercent: number;
	peakResidentBytes: number;
	/** The last signal proctop sent it. */
	signalledWith?: string;
	/** CPU% of its last RECENT_TICKS ticks, a circular buffer its live samples share (changed in place); NO_RECENT once it has exited. */
	recentCpu: RecentCpu;
	texts: Texts;
	/** Its latest row of numbers (in the history's NumberRows): what the next tick is compared with; NO_ROW once it has exited. */
	row: number;
};

type RecentCpu = {values: number[]; start: number; count: number};

/**
 * What an exited identity holds instead of its recent CPU and its row of latest figures. Why let
 * them go: a busy machine's history keeps thousands of exited identities for the exited list
 * (at 40 short-lived processes a second, 24,000 over a 10-minute window), and these two were
 * ~350 bytes of each. Never written: an identity seen again (a garbled read skipped it) takes new ones.
 */
const NO_RECENT: RecentCpu = Object.freeze({values: [], start: 0, count: 0}) as RecentCpu;
const NO_ROW = -1;

/** One tick: its own figures, and the processes that appeared, changed or went. */
type Tick = {
	seq: number;
	snapshot: Omit<Snapshot, 'processes' | 'changes'>;
	system: SystemSample | undefined;
	/** machineCpu of the tick's cores, worked out once (the header's graph reads it every frame). */
	machineCpuPercent: number;
	/** Keyframe: every live id; otherwise the ids whose numbers or texts changed (new ones included). */
	ids: Int32Array;
	/** Parallel to ids: the columns each row stores (bits, ALL_COLUMNS for a new identity); undefined in a keyframe, whose rows store every column. */
	columns: Int32Array | undefined;
	/** The stored figures, row after row, each row's in column order. */
	numbers: Float64Array;
	/** Parallel to ids: the new texts where they changed (keyframes: always). */
	texts: (Texts | undefined)[];
	/** Ids gone since the tick before (a keyframe lists them too, though its ids are the whole set). */
	gone: Int32Array;
	keyframe: boolean;
};

export type HistoryOptions = {windowMs: number};

export type History = ReturnType<typeof createHistory>;

/** The machine's CPU% over a tick: the mean of its cores (NaN when unknown). */
export function machineCpu(perCore: readonly number[]): number {
	return perCore.length === 0 ? Number.NaN : perCore.reduce((total, value) => total + value, 0) / perCore.length;
}

/** The machine's memory used beside a tick: a fraction of the total (NaN when the header meters were not noted). */
export function machineMemoryUsed(system: SystemSample | undefined): number {
	return system && system.memory.totalBytes > 0 ? system.memory.usedBytes / system.memory.totalBytes : Number.NaN;
}

function encodeState(state: string): number {
	return state.charCodeAt(0) || 63; // '?'
}

function texts(process: ProcessSample): Texts {
	return {name: process.name, command: process.command, user: process.user, app: process.app, service: process.service, ports: process.ports};
}

function sameTexts(a: Texts, process: ProcessSample): boolean {
	return (
		a.name === process.name &&
		a.command === process.command &&
		a.user === process.user &&
		a.app === process.app &&
		a.service === process.service &&
		a.ports === process.ports
	);
}

/** Sets row[index] to value; true when it differed (NaN, no CPU% yet, equals NaN here). */
function put(row: Float64Array, index: number, value: number): boolean {
	const old = row[index]!;
	// biome-ignore lint/suspicious/noSelfCompare: NaN is the one value not equal to itself; cheaper than Object.is on this hot path.
	if (old === value || (old !== old && value !== value)) return false;
	row[index] = value;
	return true;
}

/**
 * Writes a process's numbers into values[at, at + WIDTH) (in NUMBERS order); returns the columns
 * that changed, as bits. No allocation: this runs for every process every tick.
 */
function writeNumbers(process: ProcessSample, values: Float64Array, at: number): number {
	let changed = 0;
	if (put(values, at, process.ppid)) changed |= 1;
	if (put(values, at + 1, process.pgrp)) changed |= 1 << 1;
	if (put(values, at + 2, process.session)) changed |= 1 << 2;
	if (put(values, at + 3, process.tty)) changed |= 1 << 3;
	if (put(values, at + 4, process.flags)) changed |= 1 << 4;
	if (put(values, at + 5, encodeState(process.state))) changed |= 1 << 5;
	if (put(values, at + 6, process.cpuTicks)) changed |= 1 << 6;
	if (put(values, at + 7, process.systemTicks)) changed |= 1 << 7;
	if (put(values, at + 8, process.priority)) changed |= 1 << 8;
	if (put(values, at + 9, process.nice)) changed |= 1 << 9;
	if (put(values, at + 10, process.threads)) changed |= 1 << 10;
	if (put(values, at + 11, process.virtualBytes)) changed |= 1 << 11;
	if (put(values, at + 12, process.residentBytes)) changed |= 1 << 12;
	if (put(values, at + 13, process.cpuPercent ?? Number.NaN)) changed |= 1 << 13;
	if (put(values, at + 14, process.memoryPercent)) changed |= 1 << 14;
	if (put(values, at + 15, process.isOrphan ? 1 : 0)) changed |= 1 << 15;
	if (put(values, at + 16, process.cpuSeconds)) changed |= 1 << 16;
	return changed;
}

/** How many bits are set (columns stored). */
function countColumns(bits: number): number {
	let count = 0;
	for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
	return count;
}

/** The columns row `row` of a tick stores (a keyframe's rows: every one). */
function storedColumns(tick: Tick, row: number): number {
	return tick.columns ? tick.columns[row]! : ALL_COLUMNS;
}

/** Where row `row` of a tick starts in its numbers. */
function rowStart(tick: Tick, row: number): number {
	if (!tick.columns) return row * WIDTH;
	let start = 0;
	for (let before = 0; before < row; before++) start += countColumns(tick.columns[before]!);
	return start;
}

/** Where column `column` sits within a row that stores `stored` (which must include it). */
function columnOffset(stored: number, column: number): number {
	return countColumns(stored & ((1 << column) - 1));
}

export function createHistory(options: HistoryOptions): HistoryView & {
	record(snapshot: Snapshot, system?: SystemSample): void;
	completeNewest(processes: readonly ProcessSample[]): void;
	bytes(): number;
	rowsHeld(): number;
} {
	const ticks: Tick[] = [];
	const byKey = new Map<string, Identity>();
	const byId = new Map<number, Identity>();
	/** Every identity's latest numbers, one row each. */
	const latest = createNumberRows(WIDTH);
	let nextId = 0;
	let nextSeq = 0;
	/** The identities live in the newest tick. */
	let live: Identity[] = [];

	/** The identity of a process, made on first sight (then with lastSeq −1: not yet in any tick). */
	function identify(process: ProcessSample, seq: number): Identity {
		const known = byKey.get(process.key);
		if (known) return known;
		const identity: Identity = {
			id: nextId++,
			key: process.key,
			pid: process.pid,
			uid: process.uid,
			startTicks: process.startTicks,
			startTimeMs: process.startTimeMs,
			isKernelThread: process.isKernelThread,
			firstSeq: seq,
			lastSeq: -1,
			peakCpuPercent: 0,
			peakResidentBytes: 0,
			recentCpu: newRecentCpu(),
			texts: texts(process),
			row: latest.take(),
		};
		byKey.set(process.key, identity);
		byId.set(identity.id, identity);
		return identity;
	}

	function newRecentCpu(): RecentCpu {
		return {values: new Array<number>(RECENT_TICKS).fill(Number.NaN), start: 0, count: 0};
	}

	/** Remembers one tick (and the header meters read with it). */
	function record(snapshot: Snapshot, system?: SystemSample): void {
		const seq = nextSeq++;
		const keyframe = seq % BLOCK === 0;
		const changedIds: number[] = [];
		const changedTexts: (Texts | undefined)[] = [];
		const changedColumns: number[] = [];
		const rows: number[] = [];
		const nextLive: Identity[] = [];
		const {processes} = snapshot;
		// Indexed, not for…of: once a tick this stays unoptimised, where an array iterator allocates per step.
		for (let index = 0; index < processes.length; index++) {
			const process = processes[index]!;
			const identity = identify(process, seq);
			// Twice in one table (a garbled source): the first counts.
			if (identity.lastSeq === seq) continue;
			const fresh = identity.lastSeq === -1;
			// Back after a tick or more away (a read that skipped it): what it let go on exiting, anew,
			// and all its figures stored, as a new identity's are.
			const returning = identity.row === NO_ROW;
			if (returning) {
				identity.row = latest.take();
				identity.recentCpu = newRecentCpu();
			}
			nextLive.push(identity);
			identity.lastSeq = seq;
			if (process.cpuPercent !== null && process.cpuPercent > identity.peakCpuPercent) identity.peakCpuPercent = process.cpuPercent;
			if (process.residentBytes > identity.peakResidentBytes) identity.peakResidentBytes = process.residentBytes;
			// The live sample carries its recent CPU (for the graph column): the identity's own
			// circular buffer, written in place: no allocation per process per tick.
			const recent = identity.recentCpu;
			recent.values[(recent.start + recent.count) % RECENT_TICKS] = process.cpuPercent ?? Number.NaN;
			if (recent.count < RECENT_TICKS) recent.count++;
			else recent.start = (recent.start + 1) % RECENT_TICKS;
			process.recentCpu = recent;
			const values = latest.values;
			const at = identity.row * WIDTH;
			const numbersChanged = writeNumbers(process, values, at);
			// A keyframe's rows, and the first row of an identity (new, or back), store every figure and its texts.
			const whole = keyframe || fresh || returning;
			const stored = whole ? ALL_COLUMNS : numbersChanged;
			const textsChanged = !sameTexts(identity.texts, process);
			if (textsChanged) {
				identity.texts = texts(process);
				// The owner goes with its name (a setuid, or details a deferring read left out).
				identity.uid = process.uid;
			}
			if (stored !== 0 || textsChanged) {
				changedIds.push(identity.id);
				changedTexts.push(whole || textsChanged ? identity.texts : undefined);
				if (!keyframe) changedColumns.push(stored);
				for (let column = 0; column < WIDTH; column++) if (stored & (1 << column)) rows.push(values[at + column]!);
			}
		}
		const gone: number[] = [];
		for (const identity of live) {
			if (identity.lastSeq === seq) continue;
			gone.push(identity.id);
			latest.release(identity.row);
			identity.row = NO_ROW;
			identity.recentCpu = NO_RECENT;
		}
		live = nextLive;
		const {processes: _processes, changes: _changes, ...figures} = snapshot;
		ticks.push({
			seq,
			snapshot: figures,
			system,
			machineCpuPercent: machineCpu(snapshot.cpuPercentPerCore),
			ids: Int32Array.from(changedIds),
			columns: keyframe ? undefined : Int32Array.from(changedColumns),
			numbers: Float64Array.from(rows),
			texts: changedTexts,
			gone: Int32Array.from(gone),
			keyframe,
		});
		forget(snapshot.takenAt);
	}

	/** Drops whole blocks whose newest tick is older than the window, then the identities only they held. */
	function forget(now: number): void {
		let drop = 0;
		while (ticks.length - drop > BLOCK) {
			const nextBlock = drop + BLOCK;
			const newestOfBlock = ticks[nextBlock - 1]!;
			if (now - newestOfBlock.snapshot.takenAt <= options.windowMs) break;
			drop = nextBlock;
		}
		if (drop === 0) return;
		ticks.splice(0, drop);
		const oldest = ticks[0]!.seq;
		for (const [key, identity] of byKey) {
			if (identity.lastSeq >= oldest) continue;
			byKey.delete(key);
			byId.delete(identity.id);
			if (identity.row !== NO_ROW) latest.release(identity.row);
		}
	}

	function indexOf(seq: number): number {
		return ticks.length === 0 ? -1 : seq - ticks[0]!.seq;
	}

	type Row = {numbers: Float64Array; texts: Texts; recentCpu: number[]};

	/**
	 * The state of every live process at `seq`: id → numbers, texts and the CPU% of its last ticks
	 * (as far back as the keyframe the state is rebuilt from).
	 */
	function stateAt(seq: number): Map<number, Row> | undefined {
		const index = indexOf(seq);
		if (index < 0 || index >= ticks.length) return undefined;
		let start = index;
		while (!ticks[start]!.keyframe) start--;
		const state = new Map<number, Row>();
		for (let at = start; at <= index; at++) {
			const tick = ticks[at]!;
			for (const id of tick.gone) state.delete(id);
			let next = 0;
			for (let row = 0; row < tick.ids.length; row++) {
				const id = tick.ids[row]!;
				const stored = storedColumns(tick, row);
				let entry = state.get(id);
				const text = tick.texts[row];
				if (entry && text) entry.texts = text;
				else if (!entry && text) {
					entry = {numbers: new Float64Array(WIDTH).fill(Number.NaN), texts: text, recentCpu: []};
					state.set(id, entry);
				}
				if (entry) {
					for (let column = 0; column < WIDTH; column++) if (stored & (1 << column)) entry.numbers[column] = tick.numbers[next++]!;
				} else next += countColumns(stored);
			}
			if (index - at < RECENT_TICKS) for (const entry of state.values()) entry.recentCpu.push(entry.numbers[CPU_PERCENT]!);
		}
		return state;
	}

	function processOf(identity: Identity, numbers: Float64Array, text: Texts): ProcessSample {
		const cpuPercent = numbers[CPU_PERCENT]!;
		return {
			pid: identity.pid,
			ppid: numbers[0]!,
			pgrp: numbers[1]!,
			session: numbers[2]!,
			tty: numbers[3]!,
			flags: numbers[4]!,
			state: String.fromCharCode(numbers[STATE]!),
			name: text.name,
			command: text.command,
			uid: identity.uid,
			user: text.user,
			cpuTicks: numbers[6]!,
			systemTicks: numbers[7]!,
			priority: numbers[8]!,
			nice: numbers[9]!,
			threads: numbers[10]!,
			startTicks: identity.startTicks,
			virtualBytes: numbers[11]!,
			residentBytes: numbers[RESIDENT]!,
			isKernelThread: identity.isKernelThread,
			key: identity.key,
			cpuPercent: Number.isNaN(cpuPercent) ? null : cpuPercent,
			memoryPercent: numbers[14]!,
			cpuSeconds: numbers[16]!,
			startTimeMs: identity.startTimeMs,
			isOrphan: numbers[15] === 1,
			app: text.app,
			service: text.service,
			ports: text.ports,
		};
	}

	/** The snapshot as it was at tick `seq` (what appeared and exited relative to the tick before). */
	function at(seq: number): {snapshot: Snapshot; system: SystemSample | undefined} | undefined {
		const state = stateAt(seq);
		if (!state) return undefined;
		const tick = ticks[indexOf(seq)]!;
		const processes: ProcessSample[] = [];
		for (const [id, {numbers, texts: text, recentCpu}] of state) {
			const identity = byId.get(id);
			if (identity) processes.push({...processOf(identity, numbers, text), recentCpu: {values: recentCpu, start: 0, count: recentCpu.length}});
		}
		processes.sort((a, b) => a.pid - b.pid);
		const appeared = processes.filter(process => byKey.get(process.key)?.firstSeq === seq).map(process => process.key);
		const exited = [...tick.gone].flatMap(id => {
			const identity = byId.get(id);
			return identity ? [{key: identity.key, pid: identity.pid, name: identity.texts.name, command: identity.texts.command}] : [];
		});
		return {snapshot: {...tick.snapshot, processes, changes: {appeared, exited, reparented: []}}, system: tick.system};
	}

	/** Processes that exited while watched, up to tick `until` (default: the newest), the most recent first. */
	function exited(until?: number): ExitedRecord[] {
		const newest = ticks.at(-1)?.seq ?? -1;
		const last = Math.min(until ?? newest, newest);
		const records: ExitedRecord[] = [];
		for (const identity of byKey.values()) {
			if (identity.lastSeq >= last || identity.firstSeq > last) continue;
			const end = ticks[indexOf(identity.lastSeq + 1)];
			if (!end) continue;
			records.push({
				key: identity.key,
				pid: identity.pid,
				name: identity.texts.name,
				app: identity.texts.app,
				command: identity.texts.command,
				startTimeMs: identity.startTimeMs,
				endedAt: end.snapshot.takenAt,
				peakCpuPercent: identity.peakCpuPercent,
				peakResidentBytes: identity.peakResidentBytes,
				...(identity.signalledWith ? {signalledWith: identity.signalledWith} : {}),
			});
		}
		return records.sort((a, b) => b.endedAt - a.endedAt).slice(0, EXITED_SHOWN);
	}

	/** One process's CPU% and resident bytes over the kept ticks up to `until` (default: all), oldest first. */
	function seriesOf(key: string, until = Number.POSITIVE_INFINITY): ProcessSeries {
		const identity = byKey.get(key);
		const series: ProcessSeries = {takenAt: [], cpuPercent: [], residentBytes: []};
		if (!identity) return series;
		let cpu = Number.NaN;
		let resident = Number.NaN;
		for (const tick of ticks) {
			if (tick.seq > identity.lastSeq || tick.seq > until) break;
			if (tick.seq < identity.firstSeq) continue;
			const row = tick.ids.indexOf(identity.id);
			if (row >= 0) {
				const start = rowStart(tick, row);
				const stored = storedColumns(tick, row);
				if (stored & (1 << CPU_PERCENT)) cpu = tick.numbers[start + columnOffset(stored, CPU_PERCENT)]!;
				if (stored & (1 << RESIDENT)) resident = tick.numbers[start + columnOffset(stored, RESIDENT)]!;
			}
			series.takenAt.push(tick.snapshot.takenAt);
			series.cpuPercent.push(cpu);
			series.residentBytes.push(resident);
		}
		return series;
	}

	/** A rough count of the bytes held (typed arrays, per-tick and per-identity overheads). */
	function bytes(): number {
		let total = 0;
		for (const tick of ticks)
			total += tick.ids.byteLength + (tick.columns?.byteLength ?? 0) + tick.numbers.byteLength + tick.gone.byteLength + tick.texts.length * 8 + 400;
		return total + latest.values.byteLength + byKey.size * 300;
	}

	/** The last series asked for, and its first and last ticks (machineSeries): keys and menus redraw between ticks. */
	let lastSeries: {key: string; series: {cpuPercent: number[]; memoryUsed: number[]}} | undefined;

	/** The header meters read beside the tick taken at `takenAt` (they arrive with it, not in it). */
	function noteSystem(takenAt: number, system: SystemSample): void {
		for (let index = ticks.length - 1; index >= 0 && index >= ticks.length - 3; index--) {
			const tick = ticks[index]!;
			if (tick.snapshot.takenAt === takenAt && !tick.system) {
				tick.system = system;
				// A series already worked out read this tick's memory as unknown: work it out again.
				lastSeries = undefined;
			}
		}
	}

	/** The last tick taken at or before `ms` (the oldest when `ms` is earlier). */
	function seqAt(ms: number): number | undefined {
		if (ticks.length === 0) return undefined;
		let index = ticks.length - 1;
		while (index > 0 && ticks[index]!.snapshot.takenAt > ms) index--;
		return ticks[index]!.seq;
	}

	function machineSeries(count: number, until?: number): {cpuPercent: number[]; memoryUsed: number[]} {
		const last = until === undefined ? ticks.length - 1 : indexOf(until);
		const first = Math.max(0, last - count + 1);
		const key = `${ticks[first]?.seq}:${ticks[last]?.seq}`;
		if (lastSeries?.key === key) return lastSeries.series;
		const series = {cpuPercent: [] as number[], memoryUsed: [] as number[]};
		for (let index = first; index <= last && index < ticks.length; index++) {
			const tick = ticks[index]!;
			series.cpuPercent.push(tick.machineCpuPercent);
			series.memoryUsed.push(machineMemoryUsed(tick.system));
		}
		lastSeries = {key, series};
		return series;
	}

	/**
	 * The newest tick's command lines, owners and labels, read after it was recorded (the first
	 * frame's: `Source.deferDetails`, `Labelling`): an identity first seen in that tick takes them
	 * in place, so the tick, which holds its texts by reference, has them too.
	 */
	function completeNewest(processes: readonly ProcessSample[]): void {
		const newest = nextSeq - 1;
		for (const process of processes) {
			const identity = byKey.get(process.key);
			if (!identity || identity.firstSeq !== newest || sameTexts(identity.texts, process)) continue;
			Object.assign(identity.texts, texts(process));
			identity.uid = process.uid;
		}
	}

	function noteSignal(key: string, signal: string): void {
		const identity = byKey.get(key);
		if (identity) identity.signalledWith = signal;
	}

	return {
		record,
		completeNewest,
		noteSystem,
		noteSignal,
		seqAt,
		machineSeries,
		at,
		exited,
		seriesOf,
		bytes,
		/** Rows of latest figures held: one per live identity (an exited one lets its row go). */
		rowsHeld: () => latest.used,
		/** The oldest and newest tick kept (sequence numbers), or undefined when empty. */
		range: () => (ticks.length === 0 ? undefined : {oldest: ticks[0]!.seq, newest: ticks.at(-1)!.seq}),
		takenAt: (seq: number) => ticks[indexOf(seq)]?.snapshot.takenAt,
	};
}
