// Themes: the dark palette as is, light's darker equivalents for a white background, mono with
// no colour at all (bold, underline and inverse kept).
import {describe, expect, test} from 'vitest';
import type {Line} from '../../source/ui/lines/segments.js';
import {isTheme, themed} from '../../source/ui/themes.js';

const line: Line = [
	{text: 'Tasks: ', color: 'cyan'},
	{text: 'tagged', color: 'yellow', bold: true},
	{text: 'selected', color: 'black', backgroundColor: 'cyan'},
	{text: 'plain'},
	{text: 'match', color: 'yellow', underline: true},
];

describe('themes', () => {
	test('dark draws the line as built', () => {
		expect(themed(line, 'dark')).toBe(line);
	});

	test('light: no yellow or cyan text left (they vanish on white); backgrounds and black text stay', () => {
		const light = themed(line, 'light');
		expect(light.map(segment => segment.color)).toEqual(['#005f87', '#8a5a00', 'black', undefined, '#8a5a00']);
		expect(light[2]).toMatchObject({backgroundColor: 'cyan'});
		expect(light[1]).toMatchObject({bold: true});
	});

	test('mono: no colour at all, the other attributes kept', () => {
		const mono = themed(line, 'mono');
		expect(mono.every(segment => segment.color === undefined && segment.backgroundColor === undefined)).toBe(true);
		expect(mono[1]).toMatchObject({bold: true});
		expect(mono[4]).toMatchObject({underline: true});
	});

	test('names', () => {
		expect(['dark', 'light', 'mono'].every(isTheme)).toBe(true);
		expect(isTheme('solarized')).toBe(false);
	});
});
