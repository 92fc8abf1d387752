// Paints pre-fitted styled lines: one <Text> per line, nested <Text> per segment.
// A line re-renders only when its segments changed (memo), so an unchanged table costs nothing.

import React, {memo} from 'react';
import {Text} from 'ink';
import type {Line as LineData, Segment} from '../segments.js';

function sameSegments(a: readonly Segment[], b: readonly Segment[]): boolean {
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) {
		const left = a[index]!;
		const right = b[index]!;
		if (
			left.text !== right.text || left.color !== right.color || left.backgroundColor !== right.backgroundColor ||
			left.bold !== right.bold || left.dim !== right.dim || left.inverse !== right.inverse || left.underline !== right.underline
		) return false;
	}
	return true;
}

const LineView = memo(
	function LineView({line}: {line: LineData}) {
		return (
			<Text wrap="truncate">
				{line.map((segment, index) => (
					<Text
						key={index}
						color={segment.color}
						backgroundColor={segment.backgroundColor}
						bold={segment.bold}
						dimColor={segment.dim}
						inverse={segment.inverse}
						underline={segment.underline}
					>
						{segment.text}
					</Text>
				))}
			</Text>
		);
	},
	(previous, next) => sameSegments(previous.line, next.line),
);

export function Lines({lines}: {lines: readonly LineData[]}) {
	return (
		<>
			{lines.map((line, index) => (
				<LineView key={index} line={line} />
			))}
		</>
	);
}
