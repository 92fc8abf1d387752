// Pure: the signal menu (what will be hit, then the SIGNALS table), the y/n question and the
// nice prompt, as lines. Typed digits pick a signal by number, letters by name.

import {SIGNALS} from '../signals.js';
import {fit, formatDateTime} from './format.js';
import {fitLine, type Line} from './segments.js';
import type {Confirmation, PickedProcess} from './state.js';

/** Index in SIGNALS for typed text: "9" → SIGKILL, "15" → SIGTERM, "ki"/"SIGKI" → SIGKILL. */
export function signalForTyped(typed: string): number {
	if (!typed) return -1;
	if (/^\d+$/.test(typed)) return SIGNALS.findIndex(signal => String(signal.number) === typed);
	const name = typed.toUpperCase().replace(/^SIG/, '');
	return SIGNALS.findIndex(signal => signal.name.slice(3).startsWith(name));
}

function targetLines(targets: readonly PickedProcess[], width: number, startTimes: ReadonlyMap<string, number>, room: number): Line[] {
	if (targets.length === 1) {
		const [target] = targets;
		const started = startTimes.get(target!.key);
		return [fitLine([{text: 'Target: ', bold: true}, {text: `${target!.pid} ${target!.name}`, bold: true, color: 'yellow'}, {text: `  user ${target!.user}  started ${started === undefined ? '?' : formatDateTime(started)}`}], width)];
	}
	const lines: Line[] = [fitLine([{text: `Targets: ${targets.length} tagged processes`, bold: true, color: 'yellow'}], width)];
	const shown = targets.slice(0, Math.max(1, room));
	lines.push(fitLine([{text: `  ${shown.map(target => `${target.pid} ${target.name}`).join(', ')}${shown.length < targets.length ? ', …' : ''}`}], width));
	return lines;
}

export function signalMenuLines(options: {targets: readonly PickedProcess[]; index: number; typed: string; width: number; height: number; startTimes: ReadonlyMap<string, number>}): Line[] {
	const {targets, index, typed, width, height} = options;
	const lines: Line[] = [fitLine([{text: 'Send a signal', bold: true, inverse: true}, {text: `  ↑↓, a number or a name; Enter sends, Esc cancels${typed ? `   typed: ${typed}` : ''}`, dim: true}], width)];
	lines.push(...targetLines(targets, width, options.startTimes, 3));
	for (const [position, signal] of SIGNALS.entries()) {
		const selected = position === index;
		lines.push(fitLine([{text: ` ${fit(String(signal.number), 3, 'right')} ${fit(signal.name, 9)} `, bold: true, inverse: selected}, {text: ` ${signal.meaning}`, inverse: selected}], width));
	}
	return lines.slice(0, Math.max(1, height));
}

export function confirmLines(confirm: Confirmation, width: number): Line[] {
	return [
		fitLine([{text: confirm.question, bold: true, color: 'yellow'}], width),
		fitLine([{text: `  ${confirm.targets.map(target => `${target.pid} ${target.name}`).join(', ')}`}], width),
		fitLine([{text: '  y', inverse: true, bold: true}, {text: ' yes, SIGKILL   '}, {text: 'n', inverse: true, bold: true}, {text: ' no, leave them'}], width),
	];
}
