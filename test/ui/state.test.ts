import {describe, expect, test} from 'vitest';
import {initialState, reducer, type UiState} from '../../source/ui/state.js';

const start = (overrides: Partial<UiState> = {}): UiState => ({
	...initialState({sort: 'cpu', tree: false, filter: '', user: undefined, intervalMs: 1000}),
	...overrides,
});
const rows = ['1:1', '2:1', '3:1', '4:1'];

describe('reducer', () => {
	test('moves by identity and clamps at both ends', () => {
		let state = reducer(start({selectedKey: '2:1', selectedIndex: 1}), {type: 'move', delta: 1, rows});
		expect(state.selectedKey).toBe('3:1');
		state = reducer(state, {type: 'move', delta: 10, rows});
		expect(state).toMatchObject({selectedKey: '4:1', selectedIndex: 3});
		state = reducer(state, {type: 'move', delta: -10, rows});
		expect(state).toMatchObject({selectedKey: '1:1', selectedIndex: 0});
	});

	test('moving from a process that re-sorted elsewhere starts from where it is now', () => {
		const state = reducer(start({selectedKey: '4:1', selectedIndex: 0}), {type: 'move', delta: -1, rows});
		expect(state.selectedKey).toBe('3:1');
	});

	test('moving in an empty list changes nothing', () => {
		const before = start();
		expect(reducer(before, {type: 'move', delta: 1, rows: []})).toBe(before);
	});

	test('sorting: picking the same key again inverts; cycling wraps', () => {
		let state = reducer(start(), {type: 'sort', sort: 'memory'});
		expect(state).toMatchObject({sort: 'memory', inverted: false});
		state = reducer(state, {type: 'sort', sort: 'memory'});
		expect(state.inverted).toBe(true);
		state = reducer(start({sort: 'cpu'}), {type: 'cycle-sort', delta: -1});
		expect(state.sort).toBe('processor');
		expect(reducer(state, {type: 'cycle-sort', delta: 1}).sort).toBe('cpu');
		// With the columns on screen given, as htop: only their keys, left to right.
		const shown = ['pid', 'user', 'cpu', 'memory', 'name'] as const;
		expect(reducer(start({sort: 'cpu'}), {type: 'cycle-sort', delta: 1, keys: shown}).sort).toBe('memory');
		expect(reducer(start({sort: 'pid'}), {type: 'cycle-sort', delta: -1, keys: shown}).sort).toBe('name');
		expect(reducer(start({sort: 'threads'}), {type: 'cycle-sort', delta: 1, keys: shown}).sort).toBe('pid');
		expect(reducer(start(), {type: 'invert'}).inverted).toBe(true);
	});

	test('collapse and expand keep a set of identities; expand-all clears it', () => {
		let state = reducer(start({tree: true}), {type: 'collapse', key: '2:1'});
		state = reducer(state, {type: 'collapse', key: '3:1'});
		expect([...state.collapsed]).toEqual(['2:1', '3:1']);
		state = reducer(state, {type: 'expand', key: '2:1'});
		expect([...state.collapsed]).toEqual(['3:1']);
		expect(reducer(state, {type: 'expand-all'}).collapsed.size).toBe(0);
	});

	test('filter: typing is live, Enter keeps it, Esc clears it', () => {
		let state = reducer(start(), {type: 'open', mode: 'filter'});
		for (const text of ['n', 'o', 'd', 'x']) state = reducer(state, {type: 'type', text});
		state = reducer(state, {type: 'erase'});
		expect(state.filter).toBe('nod');
		expect(reducer(state, {type: 'accept'})).toMatchObject({mode: 'list', filter: 'nod'});
		expect(reducer(state, {type: 'cancel'})).toMatchObject({mode: 'list', filter: ''});
	});

	test('search starts empty each time; erase removes whole characters', () => {
		let state = reducer(start({search: 'old'}), {type: 'open', mode: 'search'});
		expect(state.search).toBe('');
		state = reducer(state, {type: 'type', text: '日本'});
		state = reducer(state, {type: 'erase'});
		expect(state.search).toBe('日');
	});

	test('typing outside a prompt does nothing', () => {
		const before = start();
		expect(reducer(before, {type: 'type', text: 'x'})).toBe(before);
	});

	test('menus clamp their cursor; user and interval choices return to the list', () => {
		let state = reducer(start(), {type: 'open', mode: 'users'});
		state = reducer(state, {type: 'menu-move', delta: 5, size: 3});
		expect(state.menuIndex).toBe(2);
		state = reducer(state, {type: 'set-user', user: 'alice'});
		expect(state).toMatchObject({mode: 'list', user: 'alice'});
		state = reducer(reducer(state, {type: 'open', mode: 'interval'}), {type: 'set-interval', intervalMs: 2500});
		expect(state).toMatchObject({mode: 'list', intervalMs: 2500});
		expect(reducer(start(), {type: 'open', mode: 'interval'}).draft).toBe('1');
	});

	test('pause and follow toggle', () => {
		expect(reducer(start(), {type: 'toggle-pause'}).paused).toBe(true);
		expect(reducer(start(), {type: 'toggle-follow'}).following).toBe(true);
	});
});
