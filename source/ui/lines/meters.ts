// Pure: the header as styled lines — per-core CPU bars (packed into columns, or one summary bar
// when they do not fit), memory and swap bars, tasks, load average, uptime and proctop's own cost.
// Degrades with the space it gets: two columns → one column → one compact line → nothing.

import {formatBytes, formatUptime} from '../../model/format.js';
import {sparkline} from '../../model/sparkline.js';
import type {Snapshot, SystemSample} from '../../types.js';
import {fitLine, type Line} from './segments.js';

/** proctop's own cost: CPU over the last tick and over the last few (for the cost hint), and RSS. */
export type OwnUsage = {cpuPercent: number | null; recentCpuPercent: number | null; residentBytes: number};

export type HeaderInput = {
	snapshot: Snapshot | undefined;
	system: (SystemSample & {cpuPercentPerCore?: number[]}) | undefined;
	own: OwnUsage;
	width: number;
	/** Most lines the header may take; 0 hides it. */
	maxLines: number;
	limited: boolean;
	/** The machine's CPU% and memory used over the remembered ticks, when history is on. */
	machineHistory?: {cpuPercent: number[]; memoryUsed: number[]};
	asciiGraphs?: boolean;
};

/** One run of `|` in a bar: how much of the bar it fills, and its colour. */
type BarRun = {fraction: number; color: string};

/**
 * `label[|||||      text]` exactly `width` cells wide, the runs one after another (htop's
 * multi-colour memory bar). Their ends are rounded cumulatively, so the runs never overflow.
 */
function barOfRuns(label: string, runs: readonly BarRun[], text: string, width: number): Line {
	const inner = Math.max(0, width - label.length - 2);
	const shownText = text.length < inner ? text : '';
	const fillable = Math.max(0, inner - shownText.length);
	const line: Line = [{text: label, color: 'cyan', bold: true}, {text: '['}];
	let total = 0;
	let filled = 0;
	for (const run of runs) {
		total += Number.isFinite(run.fraction) ? Math.max(0, run.fraction) : 0;
		const end = Math.round(Math.min(1, total) * fillable);
		line.push({text: '|'.repeat(end - filled), color: run.color});
		filled = end;
	}
	line.push({text: ' '.repeat(fillable - filled)}, {text: shownText, dim: true}, {text: ']'});
	return line;
}

/** `label[|||||      text]` exactly `width` cells wide, green, yellow from 60 %, red from 90 %. */
export function bar(label: string, fraction: number, text: string, width: number): Line {
	const color = fraction >= 0.9 ? 'red' : fraction >= 0.6 ? 'yellow' : 'green';
	return barOfRuns(label, [{fraction, color}], text, width);
}

function perCore(input: HeaderInput): number[] {
	const fromSnapshot = input.snapshot?.cpuPercentPerCore ?? [];
	return fromSnapshot.length > 0 ? fromSnapshot : (input.system?.cpuPercentPerCore ?? []);
}

const percentText = (value: number) => `${value.toFixed(1)}%`;

/** More CPU lines than this pack several bars per line (htop's 2/4-column CPU meters). */
const MAX_CPU_LINES = 8;

function cpuLines(cores: number[], width: number, maxLines: number): Line[] | undefined {
	if (cores.length === 0) return [bar('CPU', 0, '…', width)];
	const labelWidth = String(cores.length - 1).length;
	// As few bars per line as the line budget allows (wide bars read best), each at least 14 cells.
	const perLine = Math.ceil(cores.length / Math.max(1, Math.min(maxLines, MAX_CPU_LINES)));
	if ((width + 1) / perLine < 14) return undefined;
	const lines = Math.ceil(cores.length / perLine);
	const cellWidth = Math.floor((width - (perLine - 1)) / perLine);
	const result: Line[] = [];
	for (let line = 0; line < lines; line++) {
		const parts: Line = [];
		for (let column = 0; column < perLine; column++) {
			const index = line * perLine + column;
			if (index >= cores.length) break;
			if (column > 0) parts.push({text: ' '});
			const value = cores[index]!;
			parts.push(...bar(String(index).padStart(labelWidth), value / 100, percentText(value), cellWidth));
		}
		result.push(fitLine(parts, width));
	}
	return result;
}

function average(values: number[]): number {
	return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * As htop draws it: used (green), then buffers (blue) and page cache (yellow) where the platform
 * reports them; the text is used/total.
 */
function memoryLine(system: HeaderInput['system'], width: number): Line {
	if (!system) return bar('Mem', 0, '…', width);
	const {totalBytes, usedBytes, buffersBytes, cachedBytes} = system.memory;
	const text = `${formatBytes(usedBytes)}/${formatBytes(totalBytes)}`;
	if (!(totalBytes > 0) || buffersBytes === undefined || cachedBytes === undefined) return bar('Mem', totalBytes > 0 ? usedBytes / totalBytes : 0, text, width);
	const runs = [
		{fraction: usedBytes / totalBytes, color: 'green'},
		{fraction: buffersBytes / totalBytes, color: 'blue'},
		{fraction: cachedBytes / totalBytes, color: 'yellow'},
	];
	return barOfRuns('Mem', runs, text, width);
}

function swapLine(system: HeaderInput['system'], width: number): Line {
	if (!system) return bar('Swp', 0, '…', width);
	const {totalBytes, usedBytes} = system.swap;
	return bar('Swp', totalBytes > 0 ? usedBytes / totalBytes : 0, `${formatBytes(usedBytes)}/${formatBytes(totalBytes)}`, width);
}

function textLines(input: HeaderInput, width: number): Line[] {
	const counts = input.snapshot?.counts;
	const system = input.system;
	const lines: Line[] = [];
	lines.push([
		{text: 'Tasks: ', color: 'cyan'},
		{
			text: counts
				? `${counts.total - counts.kernelThreads}, ${counts.threads - counts.kernelThreads} thr, ${counts.kernelThreads} kthr; ${counts.running} running`
				: '…',
			bold: true,
		},
	]);
	if (counts) {
		lines.push([
			{text: '  '},
			{text: `${counts.sleeping} sleeping, ${counts.idle} idle, `},
			// Disk wait is news only when it happens; the line stays short otherwise.
			{text: counts.diskWait > 0 ? `${counts.diskWait} disk wait, ` : '', color: 'red'},
			{text: `${counts.stopped} stopped, `, color: counts.stopped > 0 ? 'red' : undefined},
			{text: `${counts.zombie} zombie`, color: counts.zombie > 0 ? 'magenta' : undefined},
		]);
	}
	lines.push([
		{text: 'Load average: ', color: 'cyan'},
		{text: system ? system.loadAverage.map(value => value.toFixed(2)).join(' ') : '…', bold: true},
	]);
	lines.push([
		{text: 'Uptime: ', color: 'cyan'},
		{text: system ? formatUptime(system.uptimeSeconds) : '…', bold: true},
		{text: system ? `  ${system.hostname}` : '', dim: true},
	]);
	lines.push([
		{text: 'proctop: ', color: 'cyan'},
		{text: `${input.own.cpuPercent === null ? '-' : input.own.cpuPercent.toFixed(1)}% CPU, ${formatBytes(input.own.residentBytes)} RES`, bold: true},
	]);
	if (input.limited) lines.push([{text: 'limited: only your own processes are visible (hidepid)', color: 'yellow', bold: true}]);
	return lines.map(line => fitLine(line, width));
}

function compactLine(input: HeaderInput, width: number): Line {
	const cpu = average(perCore(input));
	const system = input.system;
	const memory = system ? `${formatBytes(system.memory.usedBytes)}/${formatBytes(system.memory.totalBytes)}` : '…';
	const tasks = input.snapshot ? String(input.snapshot.counts.total) : '…';
	const load = system ? system.loadAverage[0].toFixed(2) : '…';
	return fitLine(
		[
			{text: 'CPU ', color: 'cyan'},
			{text: `${cpu.toFixed(0)}% `, bold: true},
			{text: 'Mem ', color: 'cyan'},
			{text: `${memory} `, bold: true},
			{text: 'Load ', color: 'cyan'},
			{text: `${load} `, bold: true},
			{text: 'Tasks ', color: 'cyan'},
			{text: tasks, bold: true},
			...(input.limited ? [{text: ' limited', color: 'yellow', bold: true}] : []),
		],
		width,
	);
}

/** `CPU ▁▂▅▃…` and `Mem ▃▃▃▄…` over the remembered ticks, newest at the right edge. */
function historyLines(history: {cpuPercent: number[]; memoryUsed: number[]}, width: number, ascii?: boolean): Line[] {
	const cells = Math.max(0, width - 4);
	const graph = (values: number[], max: number) => sparkline(values.slice(-cells), {cells, max, ascii}).padStart(cells);
	return [
		[
			{text: 'CPU ', color: 'cyan'},
			{text: graph(history.cpuPercent, 100), color: 'green'},
		],
		[
			{text: 'Mem ', color: 'cyan'},
			{text: graph(history.memoryUsed, 1), color: 'green'},
		],
	];
}

function columns(left: Line[], right: Line[], leftWidth: number, rightWidth: number): Line[] {
	const lines: Line[] = [];
	for (let index = 0; index < Math.max(left.length, right.length); index++) {
		lines.push([...fitLine(left[index] ?? [], leftWidth), {text: ' '}, ...fitLine(right[index] ?? [], rightWidth)]);
	}
	return lines;
}

/** The header's lines, never more than maxLines and each exactly `width` cells. */
export function headerLines(input: HeaderInput): Line[] {
	const {width, maxLines} = input;
	if (maxLines <= 0 || width <= 0) return [];
	const cores = perCore(input);
	const twoColumns = width >= 70;
	const leftWidth = twoColumns ? Math.floor((width - 1) / 2) : width;
	const rightWidth = width - leftWidth - 1;
	const right = textLines(input, twoColumns ? rightWidth : width);
	for (const summary of [false, true]) {
		const budget = twoColumns ? maxLines - 2 : maxLines - 2 - right.length;
		const cpu = summary ? [bar('CPU', average(cores) / 100, percentText(average(cores)), leftWidth)] : cpuLines(cores, leftWidth, budget);
		if (!cpu || cpu.length > budget) continue;
		const left = [...cpu, memoryLine(input.system, leftWidth), swapLine(input.system, leftWidth)];
		// The right column is usually longer: the machine's recent history fills the gap (btop's
		// graphs, in two lines), taking at most one more line than the text beside it, within budget.
		if (twoColumns && input.machineHistory && left.length + 2 <= Math.min(right.length + 1, maxLines))
			left.push(...historyLines(input.machineHistory, leftWidth, input.asciiGraphs));
		const lines = twoColumns ? columns(left, right, leftWidth, rightWidth) : [...left, ...right];
		if (lines.length <= maxLines) return lines;
	}
	return [compactLine(input, width)];
}
