import {describe, expect, test} from 'vitest';
import {buildSignalTable, SIGNALS, signalForTyped, signalsStartingWith} from '../../source/actions/signal-table.js';

const name = (typed: string) => SIGNALS[signalForTyped(typed)]?.name;

describe('signal table', () => {
	test('the common signals come first, in the order people reach for them', () => {
		expect(SIGNALS.slice(0, 4).map(signal => signal.name)).toEqual(['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGHUP']);
	});

	test.each([
		['14', 'SIGALRM'],
		['9', 'SIGKILL'],
		['alrm', 'SIGALRM'],
		['ALRM', 'SIGALRM'],
		['SigAlrm', 'SIGALRM'],
		['term', 'SIGTERM'],
		['iot', 'SIGABRT'],
		['poll', 'SIGIO'],
		['rtmin', 'SIGRTMIN'],
		['RTMIN+3', 'SIGRTMIN+3'],
		['37', 'SIGRTMIN+3'],
		['64', 'SIGRTMAX'],
	])('%j names %s exactly', (typed, expected) => {
		expect(name(typed)).toBe(expected);
	});

	test.each(['1 4', 'ki', 'te', '99', '0', '32', 'sig', 'xyz', '', '-9'])('%j names no signal (a prefix is not a pick)', typed => {
		expect(signalForTyped(typed)).toBe(-1);
	});

	test('what a prefix could still become', () => {
		expect(signalsStartingWith('te').map(signal => signal.name)).toEqual(['SIGTERM']);
		expect(
			signalsStartingWith('st')
				.map(signal => signal.name)
				.sort(),
		).toEqual(['SIGSTKFLT', 'SIGSTOP']);
		expect(signalsStartingWith('9')).toEqual([]);
	});

	test('off Linux there is no real-time range; names shared by one number keep the kill -l one', () => {
		const table = buildSignalTable({SIGTERM: 15, SIGKILL: 9, SIGIOT: 6, SIGABRT: 6, SIGINFO: 29}, 'darwin');
		expect(table.map(signal => signal.name)).toEqual(['SIGTERM', 'SIGKILL', 'SIGABRT', 'SIGINFO']);
		expect(table.find(signal => signal.name === 'SIGABRT')!.aliases).toEqual(['SIGIOT']);
	});
});
