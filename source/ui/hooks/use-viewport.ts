// The terminal's size, from the one stdout Ink renders to; updates on 'resize'.
// (Ink 6 has no useWindowSize.) Components get the size as props, never read stdout.

import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export type Viewport = {columns: number; rows: number};

export function useViewport(): Viewport {
	const {stdout} = useStdout();
	const read = (): Viewport => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
