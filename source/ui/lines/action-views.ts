// Pure: the signal menu (what will be hit, what was typed, then the platform's signals, scrolled
// to the highlighted one) and the y/n question, as lines.

import {SIGNALS, signalForTyped, signalsStartingWith} from '../../actions/signal-table.js';
import {fitCell, formatDateTime} from '../../model/format.js';
import type {Confirmation, PickedProcess} from '../state.js';
import {fitLine, type Line, type Segment} from './segments.js';

function targetLines(targets: readonly PickedProcess[], width: number, startTimes: ReadonlyMap<string, number>): Line[] {
	if (targets.length === 1) {
		const [target] = targets;
		const started = startTimes.get(target!.key);
		return [
			fitLine(
				[
					{text: 'Target: ', bold: true},
					{text: `${target!.pid} ${target!.name}`, bold: true, color: 'yellow'},
					{text: `  user ${target!.user}  started ${started === undefined ? '?' : formatDateTime(started)}`},
				],
				width,
			),
		];
	}
	const lines: Line[] = [fitLine([{text: `Targets: ${targets.length} tagged processes`, bold: true, color: 'yellow'}], width)];
	const shown = targets.slice(0, 3);
	lines.push(fitLine([{text: `  ${shown.map(target => `${target.pid} ${target.name}`).join(', ')}${shown.length < targets.length ? ', …' : ''}`}], width));
	return lines;
}

/** What the typed text does: names a signal, could still become one, or names none (Enter sends nothing). */
function typedLine(typed: string, width: number): Line {
	const label: Segment = {text: 'Typed: ', bold: true};
	if (!typed) return fitLine([label, {text: 'nothing (type a number or a name, e.g. 9 or kill)', dim: true}], width);
	const index = signalForTyped(typed);
	if (index !== -1) return fitLine([label, {text: typed, bold: true}, {text: `  → ${SIGNALS[index]!.name}; Enter sends it`}], width);
	const candidates = signalsStartingWith(typed);
	const more =
		candidates.length > 0
			? `; keep typing: ${candidates
					.slice(0, 4)
					.map(signal => signal.name)
					.join(', ')}${candidates.length > 4 ? ', …' : ''}`
			: '';
	return fitLine([label, {text: typed, bold: true}, {text: `  no such signal${more}; Enter sends nothing`, color: 'yellow'}], width);
}

export function signalMenuLines(options: {
	targets: readonly PickedProcess[];
	/** The target's parent that would start it again (npm run, nodemon, --watch), offered on Tab. */
	supervisor?: PickedProcess | undefined;
	index: number;
	typed: string;
	width: number;
	height: number;
	startTimes: ReadonlyMap<string, number>;
}): Line[] {
	const {targets, index, typed, width, height} = options;
	const lines: Line[] = [
		fitLine(
			[
				{text: 'Send a signal', bold: true, inverse: true},
				{text: '  ↑↓ PgUp PgDn, or type a number or a name; Enter sends, Esc cancels', dim: true},
			],
			width,
		),
	];
	lines.push(...targetLines(targets, width, options.startTimes));
	if (options.supervisor)
		lines.push(
			fitLine(
				[
					{text: `${options.supervisor.pid} ${options.supervisor.name}, which started it, may start it again; `, color: 'yellow'},
					{text: 'Tab', bold: true},
					{text: ' targets that instead', color: 'yellow'},
				],
				width,
			),
		);
	lines.push(typedLine(typed, width));
	// The list scrolls so the highlighted signal is always on screen (there are 60-odd on Linux).
	const room = Math.max(1, height - lines.length);
	const top = Math.max(0, Math.min(index - Math.floor(room / 2), SIGNALS.length - room));
	for (const [offset, signal] of SIGNALS.slice(top, top + room).entries()) {
		const selected = top + offset === index;
		lines.push(
			fitLine(
				[
					{text: `${selected ? '>' : ' '}${fitCell(String(signal.number), 3, 'right')} ${fitCell(signal.name, 12)} `, bold: true, inverse: selected},
					{text: ` ${signal.meaning}`, inverse: selected},
				],
				width,
			),
		);
	}
	return lines.slice(0, Math.max(1, height));
}

export function confirmLines(confirm: Confirmation, width: number): Line[] {
	return [
		fitLine([{text: confirm.question, bold: true, color: 'yellow'}], width),
		fitLine([{text: `  ${confirm.targets.map(target => `${target.pid} ${target.name}`).join(', ')}`}], width),
		fitLine([{text: '  y', inverse: true, bold: true}, {text: ` ${confirm.yes}   `}, {text: 'n', inverse: true, bold: true}, {text: ` ${confirm.no}`}], width),
	];
}
