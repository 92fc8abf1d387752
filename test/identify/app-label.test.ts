import {describe, expect, test} from 'vitest';
import {basename} from '../../source/identify/app-facts.js';
import {labelApp} from '../../source/identify/app-label.js';
import {APP_CORPUS, type AppCase, INTERPRETERS} from '../fixtures/app-corpus.js';
import {fakeInspector} from '../helpers/fake-inspector.js';

function label(entry: AppCase): string {
	return labelApp({
		argv: entry.argv,
		name: entry.name ?? basename(entry.argv[0]?.split(' ')[0] ?? ''),
		cwd: () => entry.cwd,
		packageNear: fakeInspector(() => ({packages: entry.packages})).packageNear,
		parentApp: () => entry.parent,
	});
}

describe('the app label corpus', () => {
	test('holds at least 50 real command lines', () => {
		expect(APP_CORPUS.length).toBeGreaterThanOrEqual(50);
	});

	test.each(APP_CORPUS.map(entry => [entry.argv.join(' ') || entry.name!, entry] as const))('%s', (_, entry) => {
		expect(label(entry)).toBe(entry.expected);
	});

	test('at least 95 % of interpreter and launcher command lines are labelled better than the interpreter', () => {
		const interpreted = APP_CORPUS.filter(entry => INTERPRETERS.test(basename(entry.argv[0]?.split(' ')[0] ?? '').replace(/^-/, '')));
		const better = interpreted.filter(entry => !INTERPRETERS.test(label(entry)));
		expect(interpreted.length).toBeGreaterThanOrEqual(40);
		expect(better.length / interpreted.length).toBeGreaterThanOrEqual(0.95);
	});
});

describe('lazy facts', () => {
	test('a program that needs no working directory never asks for it', () => {
		let asked = 0;
		const ask = () => {
			asked++;
			return undefined;
		};
		const facts = {argv: ['/usr/sbin/nginx', '-g', 'daemon off;'], name: 'nginx', cwd: ask, packageNear: ask, parentApp: ask};
		expect(labelApp(facts)).toBe('nginx');
		expect(asked).toBe(0);
	});
});
