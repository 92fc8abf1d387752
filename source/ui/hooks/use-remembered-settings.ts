// Saves what the user changes in the UI (sort, direction, tree, interval, kernel threads) through
// the injected saveSettings, only when one of them changed, and shows its answer (an error, or
// that a corrupt file was kept aside). I/O only through saveSettings.

import {useEffect, useRef} from 'react';
import type {Settings} from '../../config.js';
import type {Action, UiState} from '../state.js';

export function useRememberedSettings(
	state: UiState,
	dispatch: (action: Action) => void,
	saveSettings: ((settings: Settings) => string | undefined) | undefined,
) {
	const {sort, inverted, tree, intervalMs, showKernelThreads} = state;
	// What flags or the settings file set at start is not a change: only later ones are saved.
	const saved = useRef(`${sort}|${inverted}|${tree}|${intervalMs}|${showKernelThreads}`);
	useEffect(() => {
		const key = `${sort}|${inverted}|${tree}|${intervalMs}|${showKernelThreads}`;
		if (key === saved.current || !saveSettings) return;
		saved.current = key;
		const answer = saveSettings({sort, inverted, tree, intervalMs, showKernelThreads});
		if (answer) dispatch({type: 'message', text: answer});
	}, [sort, inverted, tree, intervalMs, showKernelThreads, saveSettings, dispatch]);
}
