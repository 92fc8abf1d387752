// Regenerates the README sections that are data elsewhere: Usage (the exact --help output of
// the built CLI), Keys (from the keymap table), the cost hint (from its thresholds) and the
// fields of a process in --json and the columns --columns takes (from the field table).
// Run: npm run readme. A test checks each.
import {execFileSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {loadSource} from '../bench/lib/load-source.js';

execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});
const help = execFileSync(process.execPath, ['dist/cli.cjs', '--help'], {encoding: 'utf8'});
const {keysMarkdown} = await loadSource('source/ui/keymap.ts');
const {costHintMarkdown} = await loadSource('source/ui/cost-hint.ts');
const {jsonFieldsMarkdown} = await loadSource('source/model/fields.ts');
const {columnsMarkdown} = await loadSource('source/model/columns.ts');

let readme = readFileSync('README.md', 'utf8');
const replace = (name, content) => {
	const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
	if (!pattern.test(readme)) throw new Error(`README.md has no ${name} markers`);
	readme = readme.replace(pattern, `$1${content}\n$2`);
};
replace('usage', `\`\`\`\n${help.trimEnd()}\n\`\`\``);
replace('keys', keysMarkdown());
replace('cost-hint', costHintMarkdown());
replace('json-processes', jsonFieldsMarkdown());
replace('columns', columnsMarkdown());
writeFileSync('README.md', readme);
