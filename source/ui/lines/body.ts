// Pure: the lines between the header and the status bar for the current mode: the table (titles
// and the visible rows, the selected one highlighted), a menu, the help, the signal menu or the
// details of one process; and how far the scrolling screens can scroll at this size.

import type {LaidOutColumn} from '../../model/columns.js';
import {noListenerReason, watchedPort} from '../../model/filter.js';
import {highlightFor, type Window} from '../../model/view.js';
import type {ExitedRecord, ProcessSample, Snapshot} from '../../types.js';
import type {ShownDetails} from '../hooks/use-details.js';
import type {UiState} from '../state.js';
import {signalMenuLines} from './action-views.js';
import {detailLines, detailsListLines} from './details-view.js';
import {exitedLines} from './exited-view.js';
import {helpScreen, menuLines, sortMenu, userMenu} from './menus.js';
import {processRow} from './row.js';
import {fitLine, type Line, markFirstCell, restyled, type Style} from './segments.js';
import {setupLines} from './setup-view.js';
import {titleLine} from './status.js';

const SELECTED: Style = {backgroundColor: 'cyan', color: 'black', dim: false};
const INVERSE: Style = {inverse: true};

export type BodyInput = {
	state: UiState;
	snapshot: Snapshot | undefined;
	shown: Window;
	columns: readonly LaidOutColumn[];
	details: ShownDetails | undefined;
	/** The details' process over the remembered ticks (graphs), when history is on. */
	detailsSeries?: {takenAt: number[]; cpuPercent: number[]; residentBytes: number[]};
	/** The exited list (mode 'exited'). */
	exited?: readonly ExitedRecord[];
	asciiGraphs?: boolean;
	restarted: ReadonlySet<string>;
	width: number;
	/** Lines available below the header. */
	height: number;
	color: boolean;
	/** No attributes (TERM=dumb): the selected row also carries a '>'. */
	markers: boolean;
	readonly: boolean;
	nowMs: number;
};

/** Ancestors from the parent up, nearest first (cycles and runaway chains cut). */
function parentsOf(process: ProcessSample, byPid: ReadonlyMap<number, ProcessSample>): ProcessSample[] {
	const chain: ProcessSample[] = [];
	let parent = process.ppid !== process.pid ? byPid.get(process.ppid) : undefined;
	while (parent && !chain.includes(parent) && chain.length < 1000) {
		chain.push(parent);
		parent = parent.ppid !== parent.pid ? byPid.get(parent.ppid) : undefined;
	}
	return chain;
}

function detailsBody(input: BodyInput, shown: ShownDetails): {lines: Line[]; maxScroll: number} {
	const {snapshot, state, width, height} = input;
	const {process} = shown;
	const processes = snapshot?.processes ?? [];
	const all = shown.list
		? detailsListLines({process, list: shown.list, width, exitedAt: shown.exitedAt, past: shown.past})
		: detailLines({
				process,
				details: shown.details,
				parents: parentsOf(process, new Map(processes.map(candidate => [candidate.pid, candidate]))),
				children: processes.filter(child => child.ppid === process.pid && child.pid !== process.pid).length,
				nowMs: input.nowMs,
				width,
				exitedAt: shown.exitedAt,
				wholeCommand: state.detailsWholeCommand,
				past: shown.past,
				series: input.detailsSeries,
				asciiGraphs: input.asciiGraphs,
			});
	const maxScroll = Math.max(0, all.length - height);
	const top = Math.min(state.detailsScroll, maxScroll);
	return {lines: all.slice(top, top + height), maxScroll};
}

function tableBody(input: BodyInput): Line[] {
	const {state, snapshot, shown, columns, width} = input;
	const query = state.mode === 'search' || (state.search && !state.filter) ? state.search : state.filter;
	const lines = [titleLine(columns, state, snapshot?.cpuKind ?? 'delta', width)];
	shown.visible.forEach((row, offset) => {
		const isSelected = shown.top + offset === shown.selectedIndex;
		const match = query ? highlightFor(row.process, query) : undefined;
		let line = fitLine(
			processRow({
				row,
				columns,
				match,
				tagged: state.tagged.has(row.process.key),
				restarted: input.restarted.has(row.process.key),
				asciiGraphs: input.asciiGraphs,
				commandScroll: state.commandScroll,
				atMs: snapshot?.takenAt ?? input.nowMs,
			}),
			width,
		);
		if (isSelected) line = line.map(segment => restyled(segment, input.color ? SELECTED : INVERSE));
		if (isSelected && input.markers) line = markFirstCell(line);
		lines.push(line);
	});
	if (!snapshot) lines.push(fitLine([{text: 'reading the process table…', dim: true}], width));
	else if (shown.visible.length === 0) {
		// A list filtered to a port (`proctop :5432`) says why it is empty: never just blank.
		const port = watchedPort(state.filter);
		if (port !== undefined) lines.push(fitLine([{text: noListenerReason(port, snapshot.unseenListeners), dim: true}], width));
	}
	return lines;
}

/** The body for the current mode; `maxScroll` is how far the details or the help can scroll. */
export function bodyLines(input: BodyInput): {lines: Line[]; maxScroll: number} {
	const {state, snapshot, width, height} = input;
	if (state.mode === 'details' && input.details) return detailsBody(input, input.details);
	if (state.mode === 'exited') return exitedLines({records: input.exited ?? [], width, height, scroll: state.helpScroll});
	if (state.mode === 'help') {
		const help = helpScreen({width, height, scroll: state.helpScroll, readonly: input.readonly});
		return {lines: help.lines, maxScroll: help.maxScroll};
	}
	const startTimes = () => new Map(snapshot?.processes.map(process => [process.key, process.startTimeMs]));
	if (state.mode === 'signal')
		return {
			lines: signalMenuLines({
				targets: state.targets,
				supervisor: state.supervisor,
				index: state.menuIndex,
				typed: state.typed,
				width,
				height,
				startTimes: startTimes(),
			}),
			maxScroll: 0,
		};
	if (state.mode === 'users') return {lines: menuLines('Show processes of', userMenu(snapshot?.processes ?? []), state.menuIndex, width, height), maxScroll: 0};
	if (state.mode === 'sort') return {lines: menuLines('Sort by', sortMenu(), state.menuIndex, width, height), maxScroll: 0};
	if (state.mode === 'setup') return {lines: setupLines({chosen: state.columns, index: state.menuIndex, width, height}), maxScroll: 0};
	return {lines: tableBody(input), maxScroll: 0};
}
