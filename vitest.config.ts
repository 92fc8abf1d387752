import {readFileSync} from 'node:fs';
import {defineConfig} from 'vitest/config';
import {COLUMN_LAYOUT} from './scripts/bundle-plugins.js';
import {inkPatchFor} from './scripts/ink-patches.js';

export default defineConfig({
	plugins: [
		{
			// One Ink: component tests run Ink with the same patches the bundle ships (scripts/ink-patches.js),
			// so what they check is what users run. Ink (and ink-testing-library, so both use the one Ink) are
			// inlined below so their files pass through here.
			name: 'ink-patches',
			enforce: 'pre',
			load(id) {
				if (!/[\\/]node_modules[\\/]ink(-testing-library)?[\\/]build[\\/].*\.js$/.test(id)) return undefined;
				// Read here rather than by Vite, which warns that Ink's source maps point at sources Ink does
				// not ship; the maps are dropped (quiet runs), the patch applied where there is one.
				const code = readFileSync(id, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
				const patch = inkPatchFor(id);
				return {code: patch ? patch.apply(code, id) : code, map: null};
			},
		},
	],
	// As in the bundle: Ink lays out with source/ui/column-layout.ts, not Yoga.
	resolve: {alias: [{find: /^yoga-layout$/, replacement: COLUMN_LAYOUT}]},
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		globalSetup: ['test/helpers/global-setup.ts'],
		setupFiles: ['test/helpers/layout-guard.ts'],
		// Component tests render through chalk, which sees no TTY here: force colour so styles are testable.
		env: {FORCE_COLOR: '1'},
		testTimeout: 30_000,
		hookTimeout: 30_000,
		server: {deps: {inline: [/[\\/]node_modules[\\/]ink(-testing-library)?[\\/]/]}},
	},
});
