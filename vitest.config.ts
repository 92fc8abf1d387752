import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		globalSetup: ['test/helpers/global-setup.ts'],
		// Component tests render through chalk, which sees no TTY here: force colour so styles are testable.
		env: {FORCE_COLOR: '1'},
		testTimeout: 30_000,
		hookTimeout: 30_000,
	},
});
