// One Ink: the component tests render with the same bundle-time patches users run, applied by
// vitest.config.ts from scripts/ink-patches.js (the bundle gets them from scripts/build.js).
import {expect, test} from 'vitest';

test('the Ink these tests render with carries every patch', async () => {
	const output = await import('../../node_modules/ink/build/output.js');
	expect(typeof (output.default.prototype as {directRows?: unknown}).directRows).toBe('function');
	const ink = await import('../../node_modules/ink/build/ink.js');
	expect(String(ink.default.prototype.constructor)).toContain('proctop patch');
});
