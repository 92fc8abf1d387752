// Tags go with their processes: a tagged process that exited would otherwise stay tagged
// invisibly and make k act on nothing. On each snapshot the exited ones are untagged, and the
// status bar says the tagged set shrank. Pure apart from dispatching.

import {type MutableRefObject, useEffect} from 'react';
import type {Snapshot} from '../../types.js';
import type {Action, UiState} from '../state.js';

export function useTagPruning(snapshot: Snapshot | undefined, stateRef: MutableRefObject<UiState>, dispatch: (action: Action) => void) {
	useEffect(() => {
		const {tagged} = stateRef.current;
		if (!snapshot || tagged.size === 0) return;
		const alive = new Set(snapshot.processes.map(process => process.key));
		const gone = [...tagged].filter(key => !alive.has(key));
		if (gone.length === 0) return;
		const left = tagged.size - gone.length;
		const exited = gone.length === 1 ? 'a tagged process exited' : `${gone.length} tagged processes exited`;
		dispatch({type: 'untag', keys: gone, message: `${exited}; ${left === 0 ? 'none tagged now' : `${left} still tagged`}`});
	}, [snapshot, stateRef, dispatch]);
}
