import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test, vi} from 'vitest';
import type {Options, RawProcess} from '../../source/types.js';
import {App, type AppProps} from '../../source/ui/app.js';
import {fakePlatform} from '../helpers/fake-platform.js';
import {counting, fakeSampler, rawProcess} from '../helpers/fake-sampler.js';
import {afterReads, frameWith, selectedRow, strip, testOptions} from '../helpers/ui.js';

const ENTER = '\r';
const ESC = '\u001b';
const DOWN = '\u001b[B';
const options: Options = testOptions({sort: 'pid'});

function world(): RawProcess[] {
	return [
		rawProcess({pid: 1, ppid: 0, name: 'init', command: '/sbin/init', user: 'root'}),
		rawProcess({pid: 2, ppid: 0, name: 'kthreadd', command: '', user: 'root', isKernelThread: true}),
		rawProcess({pid: 3, ppid: 2, name: 'kworker/0:1', command: '', user: 'root', isKernelThread: true}),
		rawProcess({pid: 100, ppid: 1, name: 'server', command: 'node server.js'}),
		rawProcess({pid: 101, ppid: 100, name: 'worker', command: 'node worker.js'}),
		rawProcess({pid: 102, ppid: 100, name: 'worker', command: 'node worker.js --two'}),
	];
}

type Harness = {ui: ReturnType<typeof render>; sent: Array<[number, string | number]>; setWorld: (next: RawProcess[]) => void; reads: () => number};
const mounted: Array<ReturnType<typeof render>> = [];
afterEach(() => {
	for (const ui of mounted.splice(0)) ui.unmount();
});

/** The App over a changeable world, with a fake kill that records what was sent. */
function mount(overrides: Partial<Options> = {}, props: Partial<AppProps> = {}, size = {columns: 120, rows: 30}): Harness {
	let current = world();
	const platform = fakePlatform({world: () => current});
	const table = counting(() => current);
	const ui = render(<App options={{...options, ...overrides}} sampler={fakeSampler(table.tables)} platform={platform} viewport={size} {...props} />);
	mounted.push(ui);
	return {ui, sent: platform.sent, setWorld: next => (current = next), reads: table.reads};
}

describe('the signal menu', () => {
	test('a typed number is shown and picks exactly that signal: 14 sends SIGALRM, not SIGHUP', async () => {
		const {ui, sent} = mount();
		await frameWith(ui, text => text.includes('server.js'));
		ui.stdin.write(DOWN);
		ui.stdin.write('k');
		await frameWith(ui, text => text.includes('Target: 100 server'));
		ui.stdin.write('1');
		await frameWith(ui, text => text.includes('Typed: 1  → SIGHUP'));
		ui.stdin.write('4');
		const menu = await frameWith(ui, text => text.includes('Typed: 14  → SIGALRM; Enter sends it'));
		expect(menu).toMatch(/^> 14 SIGALRM/m);
		ui.stdin.write(ENTER);
		await frameWith(ui, text => text.includes('sent SIGALRM to 100 server'));
		expect(sent).toEqual([[100, 'SIGALRM']]);
	});

	test('a name in any case, with or without SIG, picks it; real-time signals go by number', async () => {
		const {ui, sent} = mount();
		await frameWith(ui, text => text.includes('server.js'));
		ui.stdin.write(DOWN);
		ui.stdin.write('k');
		ui.stdin.write('alrm');
		await frameWith(ui, text => text.includes('Typed: alrm  → SIGALRM'));
		ui.stdin.write(ENTER);
		await frameWith(ui, text => text.includes('sent SIGALRM'));
		ui.stdin.write('k');
		ui.stdin.write('rtmin+3');
		await frameWith(ui, text => text.includes('Typed: rtmin+3  → SIGRTMIN+3'));
		ui.stdin.write(ENTER);
		await frameWith(ui, text => text.includes('sent SIGRTMIN+3'));
		expect(sent).toEqual([
			[100, 'SIGALRM'],
			[100, 37],
		]);
	});

	test('text that names no signal says so, and Enter sends nothing (after an earlier SIGTERM too)', async () => {
		const {ui, sent} = mount();
		await frameWith(ui, text => text.includes('server.js'));
		ui.stdin.write(DOWN);
		ui.stdin.write('k');
		ui.stdin.write('te');
		await frameWith(ui, text => text.includes('Typed: te  no such signal; keep typing: SIGTERM; Enter sends nothing'));
		ui.stdin.write('\u007f\u007f');
		ui.stdin.write('xyz');
		await frameWith(ui, text => text.includes('Typed: xyz  no such signal'));
		ui.stdin.write(ENTER);
		const frame = await frameWith(ui, text => text.includes('no such signal: xyz; nothing was sent'));
		expect(frame).toContain('Send a signal'); // still open, for another try
		expect(sent).toEqual([]);
		ui.stdin.write(ESC);
		await frameWith(ui, text => !text.includes('Send a signal'));
		expect(sent).toEqual([]);
	});

	test('the menu offers every signal of the platform, scrolling to the highlighted one', async () => {
		const {ui} = mount({}, {}, {columns: 100, rows: 20});
		await frameWith(ui, text => text.includes('server.js'));
		ui.stdin.write(DOWN);
		ui.stdin.write('k');
		await frameWith(ui, text => text.includes('> 15 SIGTERM'));
		ui.stdin.write('64');
		const frame = await frameWith(ui, text => /^> 64 SIGRTMAX /m.test(text));
		expect(frame).not.toContain('SIGTERM   ');
	});
});

describe('subtree kill (X)', () => {
	test('asks first, naming the count and the top; n sends nothing, y sends SIGTERM to all, deepest first', async () => {
		const {ui, sent} = mount();
		await frameWith(ui, text => text.includes('server.js'));
		ui.stdin.write(DOWN); // 100 server
		await frameWith(ui, () => selectedRow(ui).includes('server.js'));
		ui.stdin.write('X');
		const asked = await frameWith(ui, text => text.includes('SIGTERM 3 processes under 100 server?') && text.includes('y yes, SIGTERM'));
		// The question sits just above the status bar, however short the list.
		expect(asked.split('\n').at(-2)).toContain('y yes, SIGTERM');
		ui.stdin.write('n');
		await frameWith(ui, text => !text.includes('SIGTERM 3 processes'));
		expect(sent).toEqual([]);
		ui.stdin.write('X');
		await frameWith(ui, text => text.includes('SIGTERM 3 processes under 100 server?'));
		ui.stdin.write('y');
		await frameWith(ui, text => text.includes('subtree of 100 server'));
		expect(sent.map(([pid]) => pid)).toEqual([101, 102, 100]);
		expect(sent.every(([, signal]) => signal === 'SIGTERM')).toBe(true);
	});
});

describe('tags', () => {
	test('a tagged process that exits is untagged, the user is told, and k acts on the selection again', async () => {
		const {ui, sent, setWorld} = mount();
		await frameWith(ui, text => text.includes('server.js'));
		ui.stdin.write(DOWN);
		ui.stdin.write(DOWN); // 101 worker
		ui.stdin.write(' '); // tag it (and move on to 102)
		await frameWith(ui, text => text.includes('* node worker.js'));
		setWorld(world().filter(process => process.pid !== 101));
		await frameWith(ui, text => text.includes('a tagged process exited; none tagged now'));
		ui.stdin.write('k');
		await frameWith(ui, text => text.includes('Target: 102 worker'));
		ui.stdin.write(ENTER);
		await frameWith(ui, text => text.includes('sent SIGTERM to 102 worker'));
		expect(sent).toEqual([[102, 'SIGTERM']]);
	});
});

describe('details', () => {
	test('stay on their process when it exits: "exited at", last values, Esc goes back', async () => {
		const {ui, setWorld, reads} = mount();
		await frameWith(ui, text => text.includes('server.js'));
		ui.stdin.write(DOWN);
		ui.stdin.write(DOWN); // 101 worker
		ui.stdin.write(ENTER);
		await frameWith(ui, text => text.includes(' 101 worker ') && text.includes('sleeping (S)'));
		setWorld(world().filter(process => process.pid !== 101));
		const exited = await frameWith(ui, text => /exited at \d\d:\d\d:\d\d \(ran /.test(text));
		expect(exited).toContain(' 101 worker ');
		await afterReads(reads, 3); // more refreshes: it stays on 101, never jumps to a neighbour
		expect(strip(ui.lastFrame() ?? '')).toContain(' 101 worker ');
		ui.stdin.write(ESC);
		await frameWith(ui, text => text.includes('node server.js') && !text.includes('exited at'));
	});
});

describe('details of a long command line', () => {
	test('fold to a few lines, w shows it whole, and Down/PgDn/End scroll to the rest', async () => {
		const long = `node ${Array.from({length: 400}, (_, index) => `--flag-${index}`).join(' ')}`;
		const {ui, setWorld} = mount({}, {}, {columns: 80, rows: 20});
		setWorld([...world(), rawProcess({pid: 200, ppid: 1, name: 'long', command: long})]);
		await frameWith(ui, text => text.includes('node --fla'));
		ui.stdin.write('\u001b[F'); // End: the last row, pid 200
		ui.stdin.write(ENTER);
		const folded = await frameWith(ui, text => text.includes(' 200 long   sleeping'));
		expect(folded).toMatch(/… \d+ more lines \(w: the whole command line\)/);
		expect(folded).toContain('Children'); // the rest stays on screen
		ui.stdin.write('w');
		await frameWith(ui, text => !text.includes('more lines') && !text.includes('Children'));
		ui.stdin.write('\u001b[F'); // End
		const bottom = await frameWith(ui, text => text.includes('Listening'));
		expect(bottom.replace(/\n\s+/g, '')).toContain('--flag-399'); // the end of the command (wrapped)
		expect(bottom).not.toContain(' 200 long   sleeping');
		ui.stdin.write('\u001b[H'); // Home
		await frameWith(ui, text => text.includes(' 200 long   sleeping'));
		ui.stdin.write('\u001b[6~'); // PgDn
		await frameWith(ui, text => !text.includes(' 200 long   sleeping'));
	});
});

describe('kernel threads', () => {
	test('K is remembered with the other settings', async () => {
		const saved: unknown[] = [];
		const {ui} = mount({}, {saveSettings: settings => void saved.push(settings)});
		await frameWith(ui, text => text.includes('server.js'));
		ui.stdin.write('K');
		await frameWith(ui, text => text.includes('[kthreadd]'));
		// Saved by an effect, which React may run after the frame is written: wait for it.
		await vi.waitFor(() => expect(saved.at(-1)).toMatchObject({showKernelThreads: true}));
	});

	test('hidden by default with their count in the header; K shows them; k on one is refused', async () => {
		const {ui, sent} = mount();
		const hidden = await frameWith(ui, text => text.includes('server.js'));
		expect(hidden).toContain('2 kthr');
		expect(hidden).not.toContain('[kthreadd]');
		ui.stdin.write('K');
		await frameWith(ui, text => text.includes('[kworker/0:1]') && text.includes('kernel threads shown (2)'));
		ui.stdin.write(DOWN); // 2 kthreadd
		await frameWith(ui, () => selectedRow(ui).includes('[kthreadd]'));
		ui.stdin.write('k');
		await frameWith(ui, text => text.includes('refused: 2 kthreadd is a kernel thread; kernel threads ignore signals'));
		expect(strip(ui.lastFrame() ?? '')).not.toContain('Send a signal');
		expect(sent).toEqual([]);
	});
});

describe('the status bar', () => {
	test('messages expire; PAUSED shows once', async () => {
		const {ui} = mount({}, {messageMs: 300});
		await frameWith(ui, text => text.includes('server.js'));
		ui.stdin.write('F');
		await frameWith(ui, text => text.includes('following 1 init'));
		await frameWith(ui, text => !text.includes('following 1 init'));
		ui.stdin.write('Z');
		const paused = await frameWith(ui, text => text.includes('PAUSED'));
		expect(paused.match(/PAUSED/g)).toHaveLength(1);
	});

	test('renice R: the prompt shows the current value, and typing replaces it', async () => {
		const {ui} = mount();
		await frameWith(ui, text => text.includes('server.js'));
		ui.stdin.write(DOWN);
		ui.stdin.write('R');
		await frameWith(ui, text => text.includes('Nice value for 100 server (-20 highest priority … 19 lowest): 0'));
		ui.stdin.write('3');
		await frameWith(ui, text => text.includes('lowest): 3▏'));
	});
});

describe('a terminal without attributes (TERM=dumb)', () => {
	test('the selected row and the menu cursor carry a visible >', async () => {
		const {ui} = mount({color: false}, {markers: true});
		await frameWith(ui, text => text.includes('server.js'));
		ui.stdin.write(DOWN);
		await frameWith(ui, text => /^>\s+100 alice/m.test(text));
		ui.stdin.write('u');
		await frameWith(ui, text => /^>All users/m.test(text));
	});
});
