// The README's generated sections match their sources: --help output and the keymap table.
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {columnsMarkdown} from '../../source/model/columns.js';
import {jsonFieldsMarkdown} from '../../source/model/fields.js';
import {costHintMarkdown} from '../../source/ui/cost-hint.js';
import {keysMarkdown} from '../../source/ui/keymap.js';
import {runCli} from '../helpers/run-cli.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = (name: string) => readme.match(new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`))?.[1];

describe('README', () => {
	test('starts with the two commands', () => {
		const firstBlock = readme.match(/```sh\n([\s\S]*?)```/)?.[1] ?? '';
		expect(firstBlock).toContain('npm ci && npm start');
		expect(firstBlock).toContain('npm ci && npm test');
	});

	test('Usage is exactly what --help prints (npm run readme regenerates it)', async () => {
		const help = await runCli(['--help']);
		expect(section('usage')).toBe(`\`\`\`\n${help.stdout.trimEnd()}\n\`\`\``);
	});

	test('Keys is exactly the keymap table', () => {
		expect(section('keys')).toBe(keysMarkdown());
	});

	test('the JSON fields of a process are exactly the field table', () => {
		expect(section('json-processes')).toBe(jsonFieldsMarkdown());
	});

	test('the columns --columns takes are exactly the field table', () => {
		expect(section('columns')).toBe(columnsMarkdown());
	});

	test('the cost hint is described with its real thresholds', () => {
		expect(section('cost-hint')).toBe(costHintMarkdown());
	});
});
