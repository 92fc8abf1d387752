// Pure: the one-line prompts of the status bar (refresh interval, nice value) and reading what
// was typed into them. A pre-filled value is drawn selected (inverse): the first key replaces it.

import {INTERVAL_RANGE_TEXT, intervalFromSeconds} from '../../interval.js';
import type {UiState} from '../state.js';
import type {Segment} from './segments.js';

export function parseDraftInterval(draft: string): {ok: true; intervalMs: number} | {ok: false; message: string} {
	const intervalMs = draft.trim() === '' ? undefined : intervalFromSeconds(Number(draft));
	return intervalMs === undefined ? {ok: false, message: `"${draft}" is not a refresh interval: use seconds ${INTERVAL_RANGE_TEXT}`} : {ok: true, intervalMs};
}

const CURSOR: Segment = {text: '▏', bold: true};

/** The typed value, selected while it is still the pre-filled one. */
function draftSegments(state: Pick<UiState, 'draft' | 'draftFresh'>): Segment[] {
	return state.draftFresh && state.draft ? [{text: state.draft, inverse: true}] : [{text: state.draft}, CURSOR];
}

export function intervalPrompt(state: Pick<UiState, 'draft' | 'draftFresh'>): Segment[] {
	return [{text: 'Refresh every (seconds, 0.1–3600): ', color: 'cyan', bold: true}, ...draftSegments(state), {text: '  '}];
}

export function jumpPrompt(state: Pick<UiState, 'draft' | 'draftFresh'>): Segment[] {
	return [{text: 'Jump to (16:04:12, +90s, 2026-11-29T16:04): ', color: 'cyan', bold: true}, ...draftSegments(state), {text: '  '}];
}

export function nicePrompt(state: Pick<UiState, 'draft' | 'draftFresh' | 'targets'>): Segment[] {
	const [first] = state.targets;
	const who = state.targets.length === 1 && first ? `${first.pid} ${first.name}` : `${state.targets.length} processes`;
	return [{text: `Nice value for ${who} (-20 highest priority … 19 lowest): `, color: 'cyan', bold: true}, ...draftSegments(state), {text: '  '}];
}
