// Regenerates the screenshots from real runs, one per theme: media/screenshot.svg (dark, on a dark
// terminal), screenshot-light.svg (--theme light, on a white one) and screenshot-mono.svg: the
// built proctop in a pseudo-terminal (node-pty), its output parsed by a headless xterm, the
// screen buffer drawn as SVG text.
// Run: node media/screenshot.js   (builds first if needed)
import {execFileSync, spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import xterm from '@xterm/headless';
import pty from 'node-pty';

const COLUMNS = 110;
const ROWS = 32;
const CELL_WIDTH = 8.4;
const CELL_HEIGHT = 17;
// xterm's default 16-colour palette (VS Code-like dark theme).
const PALETTE = [
	'#1e1e1e',
	'#cd3131',
	'#0dbc79',
	'#e5e510',
	'#2472c8',
	'#bc3fbc',
	'#11a8cd',
	'#e5e5e5',
	'#666666',
	'#f14c4c',
	'#23d18b',
	'#f5f543',
	'#3b8eea',
	'#d670d6',
	'#29b8db',
	'#ffffff',
];
/** Each theme on the terminal it is for: dark and mono on a dark one, light on a white one. */
const RUNS = [
	{theme: 'dark', file: 'media/screenshot.svg', foreground: '#d4d4d4', background: '#1e1e1e'},
	{theme: 'light', file: 'media/screenshot-light.svg', foreground: '#1e1e1e', background: '#ffffff'},
	{theme: 'mono', file: 'media/screenshot-mono.svg', foreground: '#d4d4d4', background: '#1e1e1e'},
];

execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {stdio: 'inherit'});
// Something to watch: a busy process and a small tree.
const busy = spawn(process.execPath, ['-e', 'for(;;){}', 'busy-worker'], {stdio: 'ignore', detached: true});
for (const run of RUNS) {
	const terminal = new xterm.Terminal({cols: COLUMNS, rows: ROWS, allowProposedApi: true});
	const env = {...process.env, TERM: 'xterm-256color', COLORTERM: 'truecolor'};
	delete env.CI;
	const child = pty.spawn(process.execPath, ['dist/cli.js', '--tree', '--theme', run.theme], {cols: COLUMNS, rows: ROWS, env, name: 'xterm-256color'});
	child.onData(data => terminal.write(data));
	await new Promise(resolve => setTimeout(resolve, 3500));
	await new Promise(resolve => terminal.write('', resolve));

	function color(cell, kind) {
		const isDefault = kind === 'fg' ? cell.isFgDefault() : cell.isBgDefault();
		if (isDefault) return undefined;
		const value = kind === 'fg' ? cell.getFgColor() : cell.getBgColor();
		const isRgb = kind === 'fg' ? cell.isFgRGB() : cell.isBgRGB();
		if (isRgb) return `#${value.toString(16).padStart(6, '0')}`;
		if (value < 16) return PALETTE[value];
		return undefined;
	}

	const escapeXml = text => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const parts = [];
	const buffer = terminal.buffer.active;
	for (let y = 0; y < ROWS; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		if (!line) continue;
		for (let x = 0; x < COLUMNS; x++) {
			const cell = line.getCell(x);
			if (!cell || cell.getWidth() === 0) continue;
			let fg = color(cell, 'fg') ?? run.foreground;
			let bg = color(cell, 'bg');
			if (cell.isInverse()) [fg, bg] = [bg ?? run.background, fg];
			const chars = cell.getChars() || ' ';
			if (bg)
				parts.push(
					`<rect x="${(x * CELL_WIDTH).toFixed(1)}" y="${y * CELL_HEIGHT}" width="${(CELL_WIDTH * cell.getWidth() + 0.5).toFixed(1)}" height="${CELL_HEIGHT}" fill="${bg}"/>`,
				);
			if (chars.trim()) {
				const weight = cell.isBold() ? ' font-weight="bold"' : '';
				const opacity = cell.isDim() ? ' fill-opacity="0.6"' : '';
				const underline = cell.isUnderline() ? ' text-decoration="underline"' : '';
				parts.push(
					`<text x="${(x * CELL_WIDTH).toFixed(1)}" y="${y * CELL_HEIGHT + 13}" fill="${fg}"${weight}${opacity}${underline}>${escapeXml(chars)}</text>`,
				);
			}
		}
	}
	const width = Math.ceil(COLUMNS * CELL_WIDTH);
	const height = ROWS * CELL_HEIGHT;
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14" xml:space="preserve">
	<rect width="100%" height="100%" fill="${run.background}"/>
	${parts.join('\n')}
	</svg>
	`;
	writeFileSync(run.file, svg);
	child.write('q');
	await new Promise(resolve => child.onExit(resolve));
	console.log(`wrote ${run.file} (${COLUMNS}×${ROWS})`);
}
process.kill(-busy.pid, 'SIGKILL');
