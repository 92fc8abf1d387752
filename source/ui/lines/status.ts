// Pure: the table's title line (sort mark) and the status bar (prompt or message or cost hint,
// active sort, filter, user, interval, paused, and the key hints of the current mode).

import type {LaidOutColumn} from '../../model/columns.js';
import {FUZZY_PREFIX, parseQuery} from '../../model/filter.js';
import {fitCell} from '../../model/format.js';
import {sortKey} from '../../model/sort.js';
import type {CpuKind} from '../../types.js';
import {hintsFor} from '../keymap.js';
import type {UiState} from '../state.js';
import {intervalPrompt, jumpPrompt, nicePrompt} from './prompts.js';
import {fitLine, type Line} from './segments.js';

/** Column titles; the sorted column carries ▼/▲ and a highlight. */
export function titleLine(
	columns: readonly LaidOutColumn[],
	state: Pick<UiState, 'sort' | 'inverted' | 'tree' | 'commandScroll'>,
	cpuKind: CpuKind,
	width: number,
): Line {
	const line: Line = [];
	const descending = sortKey(state.sort).descending !== state.inverted;
	columns.forEach((column, index) => {
		if (index > 0) line.push({text: ' ', inverse: true, bold: true});
		// One ▼ per sort: CPU GRAPH sorts as CPU% does, but the mark stays on CPU%.
		const sorted = column.sortKey === state.sort && columns.findIndex(candidate => candidate.sortKey === state.sort) === index;
		let title = column.id === 'cpu' && cpuKind === 'reported' ? 'CPU%*' : column.title;
		if (column.id === 'command' && state.tree) title = `${title} (tree)`;
		// Scrolled right: how far, with the key that comes back.
		if (column.id === 'command' && state.commandScroll > 0) title = `${title} ←${state.commandScroll}`;
		if (sorted) title += descending ? '▼' : '▲';
		line.push({
			text: fitCell(title, column.cells, column.id === 'command' ? 'left' : column.align),
			inverse: true,
			bold: true,
			color: sorted ? 'cyan' : undefined,
		});
	});
	return fitLine(line, width);
}

export type StatusInput = {
	state: UiState;
	width: number;
	/** Rows shown after filtering, and the total process count. */
	shown: number;
	total: number;
	searchMatches: number;
	/** --pick: Enter picks instead of opening details. */
	pick?: boolean;
	/** proctop's own cost, when it is worth saying (see cost-hint.ts). */
	costHint?: string;
	/** --readonly: the keys that act are not offered. */
	readonly?: boolean;
};

/** Which matching the typed text gets: the prompt says it, so a fuzzy match is never a surprise. */
function matchingLabel(text: string): string {
	return parseQuery(text).fuzzy ? 'fuzzy' : `exact text (${FUZZY_PREFIX} first: fuzzy)`;
}

function info(state: UiState, shown: number, total: number): string {
	const parts = [`${sortKey(state.sort).label}${sortKey(state.sort).descending !== state.inverted ? '▼' : '▲'}`];
	if (state.filter) parts.push(`filter "${state.filter}" ${shown}/${total}`);
	if (state.user !== undefined) parts.push(`user ${state.user}`);
	if (state.following) parts.push('following');
	parts.push(`${state.intervalMs / 1000}s`);
	return parts.join(' · ');
}

export function statusLine(input: StatusInput): Line {
	const {state, width} = input;
	const line: Line = [];
	const cursor = {text: '▏', bold: true};
	switch (state.mode) {
		case 'search':
			line.push({text: 'Search: ', color: 'cyan', bold: true}, {text: state.search}, cursor, {
				text: `  ${input.searchMatches} match${input.searchMatches === 1 ? '' : 'es'} · ${matchingLabel(state.search)}  `,
				dim: true,
			});
			break;
		case 'filter':
			line.push({text: 'Filter: ', color: 'cyan', bold: true}, {text: state.filter}, cursor, {
				text: `  ${input.shown}/${input.total} shown · ${matchingLabel(state.filter)}  `,
				dim: true,
			});
			break;
		case 'interval':
			line.push(...intervalPrompt(state));
			break;
		case 'nice':
			line.push(...nicePrompt(state));
			break;
		case 'jump':
			line.push(...jumpPrompt(state));
			break;
		default:
			if (state.message) line.push({text: `${state.message}  `, bold: true, color: 'yellow'});
			else if (input.costHint && !state.paused) line.push({text: `${input.costHint}  `, color: 'yellow'});
			if (state.paused) line.push({text: 'PAUSED', inverse: true, bold: true}, {text: ' '});
			line.push({text: `${info(state, input.shown, input.total)}  `, dim: true});
	}
	if (input.pick && state.mode === 'list') line.push({text: 'Space', inverse: true, bold: true}, {text: ' Tag  '});
	for (const {keys, hint} of hintsFor(state.mode, {readonly: input.readonly}))
		line.push({text: keys, inverse: true, bold: true}, {text: ` ${input.pick && hint === 'Details' ? 'Pick' : hint}  `});
	return fitLine(line, width);
}
