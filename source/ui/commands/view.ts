// Commands that change what the list shows and how: sort, tree, search and filter, the user and
// kernel-thread filters, following, pausing, the interval prompt, help, details. Pure over the
// session; no I/O.

import {displayCommand, displayWidth} from '../../model/format.js';
import {findMatch} from '../../model/view.js';
import type {CommandId} from '../keymap.js';
import {sortMenu, userMenu} from '../lines/menus.js';
import type {UiState} from '../state.js';
import type {Command, Session} from './session.js';

/** ← and → move the COMMAND column by this many cells. */
export const COMMAND_SCROLL_STEP = 8;

/** How far → may go: until the longest listed command shows its last step. */
function commandScrollLimit(session: Session): number {
	let longest = 0;
	for (const row of session.rowsNow()) longest = Math.max(longest, displayWidth(displayCommand(row.process)));
	return Math.max(0, longest - COMMAND_SCROLL_STEP);
}

function branch(session: Session, state: UiState, how: 'expand' | 'collapse') {
	const row = session.currentRow();
	if (!state.tree && !state.grouped) session.say('press t for the tree view (or A to group by app) first');
	else if (row) session.context.dispatch({type: how, key: row.process.key});
}

export const VIEW = {
	'sort-cpu': (_, {context}) => context.dispatch({type: 'sort', sort: 'cpu'}),
	'sort-memory': (_, {context}) => context.dispatch({type: 'sort', sort: 'memory'}),
	'sort-time': (_, {context}) => context.dispatch({type: 'sort', sort: 'time'}),
	'sort-pid': (_, {context}) => context.dispatch({type: 'sort', sort: 'pid'}),
	'sort-previous': (_, {context}) => context.dispatch({type: 'cycle-sort', delta: -1, keys: context.sortKeysShown}),
	'sort-next': (_, {context}) => context.dispatch({type: 'cycle-sort', delta: 1, keys: context.sortKeysShown}),
	'sort-pick'({state}, {context}) {
		context.dispatch({type: 'open', mode: 'sort', menuIndex: sortMenu().findIndex(entry => entry.value === state.sort)});
	},
	invert: (_, {context}) => context.dispatch({type: 'invert'}),
	tree: (_, {context}) => context.dispatch({type: 'toggle-tree'}),
	'group-apps'({state}, session) {
		session.context.dispatch({type: 'toggle-group'});
		session.say(state.grouped ? 'one row per process again' : 'grouped by app: + opens a group, space tags all its processes, A ungroups');
	},
	expand: ({state}, session) => branch(session, state, 'expand'),
	collapse: ({state}, session) => branch(session, state, 'collapse'),
	'expand-all': (_, {context}) => context.dispatch({type: 'expand-all'}),
	search: (_, {context}) => context.dispatch({type: 'open', mode: 'search'}),
	filter: (_, {context}) => context.dispatch({type: 'open', mode: 'filter'}),
	'next-match'({state}, session) {
		if (!state.search) return session.say('press / to search first');
		const rows = session.rowsNow();
		const index = findMatch(rows, state.search, session.selectedIndexNow() + 1, 'next');
		if (index === -1) session.say(`no match for "${state.search}"`);
		else session.context.dispatch({type: 'select', key: rows[index]!.process.key, index});
	},
	users({state}, {context}) {
		const index = userMenu(context.snapshot?.processes ?? []).findIndex(entry => entry.value === state.user);
		context.dispatch({type: 'open', mode: 'users', menuIndex: Math.max(0, index)});
	},
	'kernel-threads'({state}, session) {
		session.context.dispatch({type: 'toggle-kernel-threads'});
		const count = session.context.snapshot?.counts.kernelThreads ?? 0;
		session.say(state.showKernelThreads ? `kernel threads hidden (${count}); K shows them` : `kernel threads shown (${count})`);
	},
	threads({state}, session) {
		const {snapshot, threadsReadable} = session.context;
		if (!state.showThreads && !threadsReadable) return session.say("threads cannot be read here: they are read from this machine's /proc, live");
		session.context.dispatch({type: 'toggle-threads'});
		if (state.showThreads) return session.say('threads hidden; H shows them');
		const counts = snapshot?.counts;
		const userThreads = counts ? counts.threads - counts.kernelThreads : 0;
		const past = state.historyAt === undefined ? '' : ' (live only: history keeps processes, not threads)';
		session.say(`threads shown (${userThreads} in ${counts ? counts.total - counts.kernelThreads : 0} processes); keys on a thread act on its process${past}`);
	},
	follow({state}, session) {
		const process = session.currentProcess();
		session.context.dispatch({type: 'toggle-follow'});
		if (process) session.say(state.following ? 'stopped following' : `following ${process.pid} ${process.name}`);
	},
	pause: (_, {context}) => context.dispatch({type: 'toggle-pause'}),
	interval: (_, {context}) => context.dispatch({type: 'open', mode: 'interval'}),
	help: (_, {context}) => context.dispatch({type: 'open', mode: 'help'}),
	'whole-command': (_, {context}) => context.dispatch({type: 'toggle-whole-command'}),
	'details-environment': (_, {context}) => context.dispatch({type: 'details-list', list: 'environment'}),
	'details-files': (_, {context}) => context.dispatch({type: 'details-list', list: 'files'}),
	'scroll-left': ({state}, {context}) => context.dispatch({type: 'scroll-command', to: state.commandScroll - COMMAND_SCROLL_STEP}),
	'scroll-right'({state}, session) {
		const to = Math.min(commandScrollLimit(session), state.commandScroll + COMMAND_SCROLL_STEP);
		if (to > state.commandScroll) session.context.dispatch({type: 'scroll-command', to});
	},
} satisfies Partial<Record<CommandId, Command>>;
