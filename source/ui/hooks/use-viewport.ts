// The terminal's size, from the one stdout Ink renders to; updates on 'resize'.
// (Ink 6 has no useWindowSize.) Components get the size as props, never read stdout.

import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export type Viewport = {columns: number; rows: number};

const sizeOf = (stdout: NodeJS.WriteStream): Viewport => ({columns: stdout.columns || 80, rows: stdout.rows || 24});

export function useViewport(): Viewport {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const onResize = () => setSize(sizeOf(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
