// Keeps the reducer's selection in step with what is shown: a process that exited (or was
// filtered away) hands the selection to the row now at its place, and says so if it exited.
// Pure apart from dispatching.

import {type MutableRefObject, useEffect} from 'react';
import type {ViewRow} from '../../model/view.js';
import type {Snapshot} from '../../types.js';
import type {Action, UiState} from '../state.js';

export function useSelectionSync(options: {
	selected: ViewRow | undefined;
	selectedIndex: number;
	state: UiState;
	stateRef: MutableRefObject<UiState>;
	snapshot: Snapshot | undefined;
	dispatch: (action: Action) => void;
}) {
	const {selected, selectedIndex, state, stateRef, snapshot, dispatch} = options;
	const selectedKey = selected?.process.key;
	useEffect(() => {
		if (selectedKey === undefined || selectedKey === state.selectedKey) return;
		// Keys handled since this frame was drawn (a Down, a filter typed before this effect ran)
		// make its view of the selection stale: the next frame, drawn from that state, resolves it.
		if (stateRef.current !== state) return;
		const exited = state.selectedKey === undefined ? undefined : snapshot?.changes.exited.find(gone => gone.key === state.selectedKey);
		dispatch({type: 'select', key: selectedKey, index: selectedIndex, message: exited ? `${exited.pid} ${exited.name} exited` : undefined});
		if (exited && state.following) dispatch({type: 'toggle-follow'});
	}, [selectedKey, selectedIndex, state, stateRef, snapshot, dispatch]);
}
