// The one field table: its columns, sort keys and JSON fields stay consistent with each other.
import {describe, expect, test} from 'vitest';
import {toJsonProcess} from '../../source/batch/json.js';
import {BATCH_COLUMNS, TABLE_COLUMNS} from '../../source/model/columns.js';
import {COLUMNS, FIELDS, JSON_FIELDS, SORT_KEYS} from '../../source/model/fields.js';
import {processSample} from '../helpers/processes.js';

describe('field table', () => {
	test('ids are unique; every column sorts by a sort key that exists', () => {
		expect(new Set(COLUMNS.map(column => column.id)).size).toBe(COLUMNS.length);
		expect(new Set(SORT_KEYS.map(key => key.id)).size).toBe(SORT_KEYS.length);
		expect(SORT_KEYS).toHaveLength(FIELDS.filter(field => field.sort).length);
		for (const column of COLUMNS) expect(SORT_KEYS.map(key => key.id)).toContain(column.sortKey);
	});

	test('the tables show only defined columns, each once', () => {
		for (const order of [TABLE_COLUMNS, BATCH_COLUMNS]) {
			expect(new Set(order).size).toBe(order.length);
			for (const id of order) expect(COLUMNS.map(column => column.id)).toContain(id);
		}
		// What the default table leaves out is there for --columns and the setup screen (S).
		const offByDefault = COLUMNS.map(column => column.id).filter(id => !TABLE_COLUMNS.includes(id));
		expect(offByDefault.sort()).toEqual([
			'cgroup',
			'elapsed',
			'involuntary_switches',
			'io_read_rate',
			'io_write_rate',
			'oom_score',
			'open_fds',
			'pgrp',
			'ppid',
			'processor',
			'session',
			'shared',
			'start',
			'swap',
			'tty',
			'voluntary_switches',
		]);
	});

	test('a process in --json has exactly the json fields, in the table order', () => {
		const document = toJsonProcess(processSample({pid: 7, cpuPercent: 12.345, startTimeMs: Date.UTC(2026, 0, 2)}));
		expect(Object.keys(document)).toEqual(JSON_FIELDS.map(field => field.name));
		expect(document).toMatchObject({pid: 7, cpuPercent: 12.35, startTime: '2026-01-02T00:00:00.000Z'});
	});
});
