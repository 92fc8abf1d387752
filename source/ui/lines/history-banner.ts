// Pure: the line that says the screen shows the past: which moment, how long ago, and the keys
// that move through time.

import {formatClock, formatLifetime} from '../../model/format.js';
import {fitLine, type Line} from './segments.js';

export function historyBanner(input: {takenAt: number; nowMs: number; oldest: boolean; width: number; replay?: boolean}): Line {
	const ago = formatLifetime(input.nowMs - input.takenAt);
	return fitLine(
		[
			{text: ` history ${formatClock(input.takenAt)} (−${ago}) `, inverse: true, bold: true, color: 'yellow'},
			{text: `  ${input.oldest ? 'oldest kept' : '{ older'}  } newer  ${input.replay ? 'J jump to a time' : 'Esc live'}`, dim: true},
		],
		input.width,
	);
}
