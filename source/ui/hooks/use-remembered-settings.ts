// Saves what the user changes in the UI (sort, direction, tree, interval, kernel threads, the
// columns) through
// the injected saveSettings, only when one of them changed, and shows its answer (an error, or
// that a corrupt file was kept aside). I/O only through saveSettings.

import {useEffect, useRef} from 'react';
import type {Settings} from '../../config.js';
import type {ColumnId} from '../../model/columns.js';
import type {Action, UiState} from '../state.js';

export function useRememberedSettings(
	state: UiState,
	dispatch: (action: Action) => void,
	saveSettings: ((settings: Settings) => string | undefined) | undefined,
) {
	const {sort, inverted, tree, intervalMs, showKernelThreads, columns} = state;
	const chosen = columns?.join(',') ?? 'default';
	// What flags or the settings file set at start is not a change: only later ones are saved.
	const saved = useRef(`${sort}|${inverted}|${tree}|${intervalMs}|${showKernelThreads}|${chosen}`);
	useEffect(() => {
		const key = `${sort}|${inverted}|${tree}|${intervalMs}|${showKernelThreads}|${chosen}`;
		if (key === saved.current || !saveSettings) return;
		saved.current = key;
		const answer = saveSettings({
			sort,
			inverted,
			tree,
			intervalMs,
			showKernelThreads,
			...(chosen === 'default' ? {} : {columns: chosen.split(',') as ColumnId[]}),
		});
		if (answer) dispatch({type: 'message', text: answer});
	}, [sort, inverted, tree, intervalMs, showKernelThreads, chosen, saveSettings, dispatch]);
}
