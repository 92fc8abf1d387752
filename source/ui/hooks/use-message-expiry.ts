// A status message goes after `ms`, so "790 sleep exited" does not sit there for minutes; a newer
// message restarts the clock (the serial tells them apart). Timers only.

import {useEffect} from 'react';
import type {Action} from '../state.js';

export function useMessageExpiry(message: string | undefined, serial: number, ms: number, dispatch: (action: Action) => void) {
	const shown = message !== undefined;
	useEffect(() => {
		if (!shown) return;
		const timer = setTimeout(() => dispatch({type: 'expire-message', serial}), ms);
		return () => clearTimeout(timer);
	}, [shown, serial, ms, dispatch]);
}
