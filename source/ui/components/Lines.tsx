// Paints pre-fitted styled lines: one <Text> per line, holding that line painted to one string.
// A line is repainted only when its segments changed (memo), so an unchanged table costs nothing,
// and Ink receives exactly one single-line write per row (the shape its patched output stage draws
// without a cell grid; see scripts/ink-patches.js).

import {Text} from 'ink';
import {memo} from 'react';
import {paintLine} from '../lines/paint.js';
import {type Line as LineData, type Segment, sameStyle} from '../lines/segments.js';

function sameSegments(a: readonly Segment[], b: readonly Segment[]): boolean {
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) {
		const left = a[index]!;
		const right = b[index]!;
		if (left.text !== right.text || !sameStyle(left, right)) return false;
	}
	return true;
}

const LineView = memo(
	function LineView({line}: {line: LineData}) {
		return <Text wrap="truncate">{paintLine(line)}</Text>;
	},
	(previous, next) => sameSegments(previous.line, next.line),
);

export function Lines({lines}: {lines: readonly LineData[]}) {
	return (
		<>
			{lines.map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: a line is a screen row: row N is the same element from frame to frame, whatever it shows.
				<LineView key={index} line={line} />
			))}
		</>
	);
}
