// A bare `proctop` skips meow (it loads only when there are arguments): the options must be
// exactly what meow's parse gives when nothing is asked for.
import {describe, expect, test} from 'vitest';
import {parseFlags} from '../../source/flags.js';

describe('parseFlags', () => {
	test('no arguments, without meow, is what meow makes of arguments that change nothing', async () => {
		const bare = await parseFlags([]);
		// --color is the default: through meow, this is "nothing asked for".
		expect(bare).toEqual(await parseFlags(['--color']));
		expect(bare).toMatchObject({sort: 'cpu', tree: false, intervalMs: 1000, filter: '', explicit: [], once: false, json: false});
		expect(bare.mouse).toBeUndefined();
		expect(bare).not.toEqual(await parseFlags(['--tree']));
	});
});
