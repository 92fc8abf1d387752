import {renderToString, Text} from 'ink';
import {describe, expect, test} from 'vitest';
import {paintLine} from '../../source/ui/lines/paint.js';
import type {Line} from '../../source/ui/lines/segments.js';

function nested(line: Line) {
	return (
		<Text>
			{line.map((segment, index) => (
				<Text
					// biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of segments, as Ink's nested <Text> would draw them.
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
}

const LINES: Line[] = [
	[{text: '  PID ', bold: true}, {text: 'USER', color: 'cyan'}, {text: ' plain '}, {text: '99.9', color: 'red', bold: true}],
	[
		{text: 'selected row', color: 'black', backgroundColor: 'cyan'},
		{text: ' inverse ', inverse: true},
		{text: 'dim', dim: true, color: 'green'},
	],
	[
		{text: 'match', underline: true, color: 'yellow'},
		{text: '漢字 👩‍👩‍👧', color: 'magenta'},
		{text: '#hex', color: '#ff8800'},
	],
	[{text: ''}, {text: 'after an empty segment'}],
];

describe('paintLine', () => {
	test('paints exactly what Ink draws for the same segments as nested <Text>', () => {
		for (const line of LINES) expect(renderToString(<Text>{paintLine(line)}</Text>)).toBe(renderToString(nested(line)));
	});

	test('styles are really applied (colour is forced on in the test environment)', () => {
		expect(paintLine([{text: 'x', color: 'red'}])).toBe('\u001b[31mx\u001b[39m');
		expect(paintLine([{text: 'x', inverse: true}, {text: 'y'}])).toBe('\u001b[7mx\u001b[27my');
	});
});
