// Turns a line of styled segments into one ANSI string (pure; no I/O).
// Why not one nested <Text> per segment: Ink would then re-run every segment's colour transform
// and squash the pieces for every line of every frame, changed or not. A line painted once, when
// it changes, reaches Ink as a single string. Styles come from chalk, the same instance and colour
// level Ink's own <Text> uses, applied in Ink's order, so the bytes on screen are the same.

import chalk from 'chalk';
import type {Line, Segment} from './segments.js';

function colour(text: string, name: string, layer: 'foreground' | 'background'): string {
	const method = layer === 'foreground' ? name : `bg${name[0]!.toUpperCase()}${name.slice(1)}`;
	const style = (chalk as unknown as Record<string, ((text: string) => string) | undefined>)[method];
	if (typeof style === 'function') return style(text);
	if (name.startsWith('#')) return layer === 'foreground' ? chalk.hex(name)(text) : chalk.bgHex(name)(text);
	return text;
}

export function paintSegment(segment: Segment): string {
	let text = segment.text;
	if (text === '') return text;
	if (segment.dim) text = chalk.dim(text);
	if (segment.color) text = colour(text, segment.color, 'foreground');
	if (segment.backgroundColor) text = colour(text, segment.backgroundColor, 'background');
	if (segment.bold) text = chalk.bold(text);
	if (segment.underline) text = chalk.underline(text);
	if (segment.inverse) text = chalk.inverse(text);
	return text;
}

export function paintLine(line: Line): string {
	let painted = '';
	for (const segment of line) painted += paintSegment(segment);
	return painted;
}
