// Pure: the line that says the screen shows the past: which moment, how long ago (in a replay:
// how far into the recording), and the keys that move through time.

import {formatClock, formatLifetime} from '../../model/format.js';
import {fitLine, type Line} from './segments.js';

export function historyBanner(input: {takenAt: number; nowMs: number; oldest: boolean; width: number; replay?: {file: string; startMs: number}}): Line {
	const {replay} = input;
	const when = replay
		? `replay ${formatClock(input.takenAt)} (+${formatLifetime(input.takenAt - replay.startMs)})`
		: `history ${formatClock(input.takenAt)} (−${formatLifetime(input.nowMs - input.takenAt)})`;
	return fitLine(
		[
			{text: ` ${when} `, inverse: true, bold: true, color: 'yellow'},
			{
				text: `  ${input.oldest ? (replay ? 'the start' : 'oldest kept') : '{ older'}  } newer  J jump  ${replay ? `Esc end  ${replay.file}` : 'Esc live'}`,
				dim: true,
			},
		],
		input.width,
	);
}
