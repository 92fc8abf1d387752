// Pure: one process row as styled segments, every cell fitted to its column width, with
// state/CPU/memory colours, tree guides, collapsed counts, orphan marks and match highlights.

import type {LaidOutColumn} from '../../model/columns.js';
import type {MatchResult} from '../../model/filter.js';
import {displayCommand, displayWidth, dropCells, fitCell, truncate} from '../../model/format.js';
import {asciiBars} from '../../model/sparkline.js';
import type {ViewRow} from '../../model/view.js';
import type {ProcessSample} from '../../types.js';
import {type Line, type Segment, type Style, withText} from './segments.js';

// Styles are shared constants, never changed: a row's cells point at them rather than each
// allocating its own (an idle tick's rows were a seventh of the bytes it allocated).
const PLAIN: Style = {};
const DIM: Style = {dim: true};
const RED: Style = {color: 'red'};
const RED_BOLD: Style = {color: 'red', bold: true};
const YELLOW: Style = {color: 'yellow'};
const GREEN: Style = {color: 'green'};
const YELLOW_BOLD: Style = {color: 'yellow', bold: true};
const SEPARATOR: Segment = {text: ' '};

const STATE_COLORS: Record<string, Style> = {
	R: {color: 'green', bold: true},
	D: RED_BOLD,
	Z: {color: 'magenta', bold: true},
	T: RED,
	t: RED,
	I: DIM,
};

function loadStyle(percent: number | null, high: number, medium: number): Style {
	if (percent === null) return DIM;
	if (percent >= high) return RED_BOLD;
	if (percent >= medium) return YELLOW;
	return PLAIN;
}

function cellStyle(column: LaidOutColumn, process: ProcessSample): Style {
	switch (column.id) {
		case 'state':
			return STATE_COLORS[process.state] ?? PLAIN;
		case 'cpu':
			return loadStyle(process.cpuPercent, 90, 25);
		case 'memory':
			return loadStyle(process.memoryPercent, 25, 10);
		case 'nice':
			return process.nice < 0 ? RED : process.nice > 0 ? GREEN : PLAIN;
		default:
			return PLAIN;
	}
}

/** The COMMAND cell's parts: guide + marks, then the command, and where matches fall in it. */
function commandParts(
	row: ViewRow,
	match: MatchResult | undefined,
	marks: {tagged?: boolean; restarted?: boolean},
	scroll: number,
): {lead: Segment[]; text: string; highlights: Set<number>} {
	const {process} = row;
	const lead: Segment[] = [];
	if (marks.tagged) lead.push({text: '* ', color: 'yellow', bold: true});
	if (row.prefix) lead.push({text: row.prefix, dim: true});
	// A group row's text already counts its processes: [+] closed, [-] open.
	if (row.group) lead.push({text: row.collapsed ? '[+] ' : '[-] ', color: 'cyan', bold: true});
	else if (row.collapsed) lead.push({text: `[+${row.hiddenDescendants}] `, color: 'cyan', bold: true});
	if (process.isOrphan) lead.push({text: '[orphan] ', color: 'yellow'});
	if (marks.restarted) lead.push({text: '[restarted] ', color: 'green'});
	const whole = displayCommand(process);
	const highlights = new Set<number>();
	if (match) {
		if (whole === process.command) for (const index of match.commandPositions) highlights.add(index);
		else {
			const offset = whole.startsWith('[') || whole.startsWith('{') ? 1 : 0;
			for (const index of match.namePositions) highlights.add(index + offset);
		}
	}
	// Scrolled (← →): the guides and marks stay, the command line moves under them.
	const {text, dropped} = dropCells(whole, scroll);
	if (dropped === 0) return {lead, text, highlights};
	return {lead, text, highlights: new Set([...highlights].filter(index => index >= dropped).map(index => index - dropped))};
}

// Underline as well as colour, so matches stay visible without colour (NO_COLOR).
const HIGHLIGHT: Style = {color: 'yellow', bold: true, underline: true};

/** Splits `text` into plain and highlighted runs (indexes are UTF-16 offsets into `text`). */
function highlightRuns(text: string, highlights: ReadonlySet<number>, style: Style): Segment[] {
	if (highlights.size === 0) return [{...style, text}];
	const segments: Segment[] = [];
	let run = '';
	let runLit = false;
	for (let index = 0; index < text.length; index++) {
		const lit = highlights.has(index);
		if (lit !== runLit && run) {
			segments.push(runLit ? {...style, ...HIGHLIGHT, text: run} : {...style, text: run});
			run = '';
		}
		runLit = lit;
		run += text[index];
	}
	if (run) segments.push(runLit ? {...style, ...HIGHLIGHT, text: run} : {...style, text: run});
	return segments;
}

export function processRow(options: {
	row: ViewRow;
	columns: readonly LaidOutColumn[];
	match?: MatchResult;
	tagged?: boolean;
	restarted?: boolean;
	/** Graphs in ASCII (the terminal is not UTF-8, or TERM=dumb). */
	asciiGraphs?: boolean;
	/** Cells of each command line scrolled out to the left (← →). */
	commandScroll?: number;
	/** When the moment shown was sampled (START, ELAPSED). */
	atMs: number;
}): Line {
	const {row, columns, match} = options;
	const {process} = row;
	const line: Line = [];
	// Tagged rows are yellow and bold, as in htop; the '* ' mark keeps them visible without colour.
	// Threads in green, as htop draws them; kernel threads dim.
	const base: Style = options.tagged ? YELLOW_BOLD : process.threadOf !== undefined ? GREEN : process.isKernelThread ? DIM : PLAIN;
	columns.forEach((column, index) => {
		if (index > 0) line.push(SEPARATOR);
		if (column.id !== 'command') {
			// A group row is no process: no pid to show (or to act on).
			const raw = row.group && column.id === 'pid' ? '' : column.text(process, column.cells, options.atMs);
			const text = options.asciiGraphs && column.id === 'cpu_graph' ? asciiBars(raw) : raw;
			line.push({...base, ...(options.tagged ? PLAIN : cellStyle(column, process)), text: fitCell(text, column.cells, column.align)});
			return;
		}
		const {lead, text, highlights} = commandParts(row, match, {tagged: options.tagged, restarted: options.restarted}, options.commandScroll ?? 0);
		let room = column.cells;
		for (const segment of lead) {
			const cut = truncate(segment.text, room);
			if (!cut) break;
			line.push(withText(segment, cut));
			room -= displayWidth(cut);
		}
		const shown = fitCell(text, Math.max(0, room));
		line.push(...highlightRuns(shown, highlights, base));
	});
	return line;
}
