// What a click does (--mouse), as htop's: on a row it selects that process, twice in a row opens
// its details (Enter), on a column title it sorts by that column (again: the other way). The
// wheel is handled as arrow keys by the caller, so it scrolls whatever is open. No I/O.

import {DOUBLE_CLICK_MS, type ListLayout, type MouseEvent, targetAt} from '../mouse.js';
import type {Session} from './session.js';

/** What clicking needs beyond the session: where the list was drawn, the last click, a clock. */
export type MouseContext = {
	layout: ListLayout | undefined;
	/** The last click on a row (its index and time), for double clicks; kept across frames. */
	lastClick: {current: {index: number; at: number} | undefined};
	now: () => number;
};

export function click(event: Extract<MouseEvent, {kind: 'press'}>, session: Session, mouse: MouseContext, openDetails: () => void): void {
	const {layout} = mouse;
	if (!layout || event.button !== 'left' || session.context.stateRef.current.mode !== 'list') return;
	const target = targetAt(layout, event.x, event.y);
	if (target.kind === 'title') {
		session.context.dispatch({type: 'sort', sort: target.sortKey});
		return;
	}
	if (target.kind !== 'row') return;
	const row = session.rowsNow()[target.index];
	if (!row) return;
	const at = mouse.now();
	const last = mouse.lastClick.current;
	const double = last !== undefined && last.index === target.index && at - last.at <= DOUBLE_CLICK_MS;
	mouse.lastClick.current = double ? undefined : {index: target.index, at};
	session.context.dispatch({type: 'select', key: row.process.key, index: target.index});
	if (double) openDetails();
}
