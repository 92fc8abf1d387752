// Every test file: Ink laid out nothing with a style the column layout only approximates
// (source/ui/column-layout.ts stands in for Yoga). A component that needs padding, a row of
// children or centring fails here, in the file that drew it, instead of drawing wrong for users.
import {afterAll, expect} from 'vitest';
import {unsupportedUses} from '../../source/ui/column-layout.js';

afterAll(() => {
	expect(unsupportedUses(), 'styles the column layout does not honour').toEqual([]);
});
