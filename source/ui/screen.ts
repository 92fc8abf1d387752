// The whole screen for one state of the UI, as lines (pure; no I/O, no React): header, column
// titles, the visible rows or the open view, the status bar, laid out in exactly `rows − 1` lines.
// The App draws it through Ink every frame; before Ink has even loaded, `ui/first-paint.ts` writes
// the first one straight to the terminal from the same function, so the two are the same frame.

import {type ColumnId, DEFAULT_COLUMNS, type LaidOutColumn, layoutColumns, presentColumns, TABLE_COLUMNS} from '../model/columns.js';
import {buildRows, type ViewRow, type Window, windowRows} from '../model/view.js';
import type {HistoryView, Options, ProcessSample, Snapshot, SystemSample} from '../types.js';
import type {ShownDetails} from './hooks/use-details.js';
import {confirmLines} from './lines/action-views.js';
import {bodyLines} from './lines/body.js';
import {historyBanner} from './lines/history-banner.js';
import {headerLines, type OwnUsage} from './lines/meters.js';
import {type Line, mergeSegments, monochrome, trimEnd} from './lines/segments.js';
import {statusLine} from './lines/status.js';
import type {ListLayout} from './mouse.js';
import type {UiState} from './state.js';
import {type Theme, themed} from './themes.js';

/** Lines left for the table once the header, title and status bar are placed. */
const MIN_TABLE_ROWS = 3;
const BLANK_LINE: Line = [{text: ' '}];

/**
 * The rows the list shows for this state (filtered, sorted, tree or groups). With threads shown,
 * each thread is a row too: under its process in the tree (its ppid), among the processes flat.
 */
export function listedRows(processes: readonly ProcessSample[], state: UiState, pids: Options['pids'], threads?: readonly ProcessSample[]): ViewRow[] {
	// Grouped by app, a group sums its processes: threads would count them twice.
	const withThreads = state.showThreads && threads && threads.length > 0 && !(state.grouped && !state.tree);
	return buildRows(withThreads ? [...processes, ...threads] : processes, {...state, pids});
}

/**
 * The ids of the columns shown: the chosen ones (--columns, the setup screen) in their order, or
 * the default set; C adds the CPU GRAPH (before COMMAND when chosen). Either way PORTS and
 * SERVICE take room only while some process has one, as the setup screen says.
 */
export function shownColumnIds(processes: readonly ProcessSample[], cpuGraphs: boolean, chosen?: readonly ColumnId[]): ColumnId[] {
	if (!chosen) return presentColumns(cpuGraphs ? TABLE_COLUMNS : DEFAULT_COLUMNS, processes);
	const without = chosen.filter(id => id !== 'cpu_graph');
	const at = without.includes('command') ? without.indexOf('command') : without.length;
	return presentColumns(cpuGraphs ? [...without.slice(0, at), 'cpu_graph', ...without.slice(at)] : without, processes);
}

/** The columns laid out for this width. */
export function columnsFor(processes: readonly ProcessSample[], cpuGraphs: boolean, width: number, chosen?: readonly ColumnId[]): LaidOutColumn[] {
	return layoutColumns(shownColumnIds(processes, cpuGraphs, chosen), width);
}

export type ScreenInput = {
	state: UiState;
	/** The tick shown: the live one, or the remembered one when `past` is set. */
	snapshot: Snapshot | undefined;
	/** A moment from history shown in place of the live tick. */
	past?: {snapshot: Snapshot; system?: SystemSample};
	system: SystemSample | undefined;
	own: OwnUsage;
	viewport: {columns: number; rows: number};
	rows: readonly ViewRow[];
	columns: readonly LaidOutColumn[];
	/** The first row shown last frame (the list scrolls only as far as the selection needs). */
	previousTop: number;
	history?: HistoryView;
	replay?: string;
	details?: ShownDetails;
	detailsSeries?: {takenAt: number[]; cpuPercent: number[]; residentBytes: number[]};
	restarted: ReadonlySet<string>;
	options: Pick<Options, 'color' | 'readonly' | 'pick' | 'theme'>;
	markers: boolean;
	asciiGraphs: boolean;
	costHint?: string;
	searchMatches: number;
	nowMs: number;
};

export type Screen = {
	lines: Line[];
	/** The rows in view and the selection among them. */
	shown: Window;
	tableHeight: number;
	/** How far the scrolling views (help, details) can scroll at this size. */
	maxScroll: number;
	/** Where the table was drawn, for clicks (--mouse); undefined while a view covers it. */
	listLayout?: ListLayout;
};

/** Each column's first cell: the titles and cells are joined by one space. */
function columnStarts(columns: readonly LaidOutColumn[]): ListLayout['columns'] {
	let x = 0;
	return columns.map(column => {
		const start = {x, cells: column.cells, sortKey: column.sortKey};
		x += column.cells + 1;
		return start;
	});
}

export function composeScreen(input: ScreenInput): Screen {
	const {state, snapshot, past, history, options} = input;
	const width = Math.max(1, input.viewport.columns);
	// A frame of rows − 1 lines: a taller one makes Ink clear the screen each time.
	const frameHeight = Math.max(1, input.viewport.rows - 1);
	const overlay =
		state.mode === 'help' ||
		state.mode === 'users' ||
		state.mode === 'sort' ||
		state.mode === 'signal' ||
		state.mode === 'details' ||
		state.mode === 'exited' ||
		state.mode === 'setup';
	// The header may take up to ~45% of the frame: on short terminals the process list matters more.
	const headerBudget = overlay ? 0 : Math.max(0, Math.min(frameHeight - 2 - MIN_TABLE_ROWS, Math.floor(frameHeight * 0.45)));
	const banner =
		past && state.historyAt !== undefined
			? [
					historyBanner({
						takenAt: past.snapshot.takenAt,
						nowMs: input.nowMs,
						oldest: state.historyAt === history?.range()?.oldest,
						width,
						replay: input.replay === undefined ? undefined : {file: input.replay, startMs: history?.takenAt(history.range()?.oldest ?? 0) ?? 0},
					}),
				]
			: [];
	const header = [
		...banner,
		...headerLines({
			snapshot,
			system: past ? (past.system ?? input.system) : input.system,
			own: input.own,
			width,
			maxLines: Math.max(0, headerBudget - banner.length),
			limited: snapshot?.limited ?? false,
			machineHistory: history?.machineSeries?.(width, state.historyAt),
			asciiGraphs: input.asciiGraphs,
		}),
	];
	const tableHeight = Math.max(0, frameHeight - header.length - 2);
	const {selectedKey, selectedIndex, following} = state;
	const shown = windowRows(input.rows, {selectedKey, selectedIndex, height: tableHeight, previousTop: input.previousTop, following});
	const body = bodyLines({
		state,
		snapshot,
		shown,
		columns: input.columns,
		details: input.details,
		detailsSeries: input.detailsSeries,
		exited: state.mode === 'exited' ? (history?.exited(state.historyAt) ?? []) : [],
		asciiGraphs: input.asciiGraphs,
		restarted: input.restarted,
		width,
		height: frameHeight - 1,
		color: options.color,
		markers: input.markers,
		readonly: options.readonly,
		nowMs: input.nowMs,
	});
	const total = snapshot?.processes.length ?? 0;
	const status = statusLine({
		state,
		width,
		shown: input.rows.length,
		total,
		searchMatches: input.searchMatches,
		pick: options.pick,
		costHint: input.costHint,
		readonly: options.readonly,
	});
	// The y/n question sits just above the status bar, over the bottom of the table.
	const question = state.mode === 'confirm' && state.confirm ? confirmLines(state.confirm, width) : [];
	return {
		lines: frameLines({lines: [...header, ...body.lines], bottom: question, status, frameHeight, color: options.color, theme: options.theme}),
		shown,
		tableHeight,
		maxScroll: body.maxScroll,
		...(overlay ? {} : {listLayout: {titleLine: header.length, rowCount: shown.visible.length, top: shown.top, columns: columnStarts(input.columns)}}),
	};
}

/**
 * The frame: at most `frameHeight − 1` lines, padded so the status bar sits on the last line as
 * in htop, however few rows there are (a blank line must hold a space: Ink lays out an empty text
 * as no line at all); `bottom` (the y/n question) sits just above it. Styles merged, trailing blanks
 * trimmed, colour dropped for --no-color.
 */
function frameLines(input: {lines: Line[]; bottom: Line[]; status: Line; frameHeight: number; color: boolean; theme: Theme}): Line[] {
	const {bottom, frameHeight} = input;
	const finish = (line: Line) => trimEnd(mergeSegments(input.color ? themed(line, input.theme) : monochrome(line)));
	const room = Math.max(0, frameHeight - 1 - bottom.length);
	const framed = input.lines.slice(0, room).map(finish);
	while (framed.length < room) framed.push(BLANK_LINE);
	framed.push(...bottom.slice(0, Math.max(0, frameHeight - 1)).map(finish), finish(input.status));
	return framed;
}
