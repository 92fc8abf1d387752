// The V8 settings list (source/v8-flags.cjs) against the real V8: every flag is one this Node
// knows (setFlagsFromString ignores a misspelt one without a word), and a flag applied at run time,
// after V8 has started, as the launcher does, changes what the optimising compiler does.
import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';

const LIST = join(import.meta.dirname, '..', '..', 'source', 'v8-flags.cjs');
const {V8_FLAGS, applyV8Flags} = createRequire(import.meta.url)(LIST) as {
	V8_FLAGS: readonly string[];
	applyV8Flags(setFlagsFromString: (flag: string) => void): void;
};

/** "--no-turbo-inlining" → "turbo-inlining"; "--semi-space-growth-factor=1" → "semi-space-growth-factor". */
const flagName = (flag: string) => flag.replace(/^--/, '').replace(/^no-/, '').replace(/=.*/, '');

describe('the V8 flags proctop runs under', () => {
	test('each is a flag this V8 knows', () => {
		const known = new Set([...execFileSync(process.execPath, ['--v8-options'], {encoding: 'utf8'}).matchAll(/^ {2}--([\w-]+)/gm)].map(match => match[1]));
		expect(V8_FLAGS.length).toBeGreaterThan(0);
		for (const flag of V8_FLAGS) expect(known, flag).toContain(flagName(flag));
	});

	test('applyV8Flags hands every one to setFlagsFromString, in order', () => {
		const given: string[] = [];
		applyV8Flags(flag => given.push(flag));
		expect(given).toEqual([...V8_FLAGS]);
	});

	test('set after start, they still take effect: no inlining once applied', () => {
		expect(V8_FLAGS).toContain('--no-turbo-inlining');
		// A hot function calling a small one, optimised on demand; V8 traces each inlining decision.
		const script = join(process.env.TMPDIR ?? '/tmp', 'proctop-inlining.js');
		writeFileSync(
			script,
			[
				`if (process.argv[2] === 'apply') require(${JSON.stringify(LIST)}).applyV8Flags(require('node:v8').setFlagsFromString);`,
				'function add(a, b) { return a + b; }',
				'function sum(n) { let s = 0; for (let i = 0; i < n; i++) s = add(s, i); return s; }',
				'%PrepareFunctionForOptimization(sum); sum(10); sum(10); %OptimizeFunctionOnNextCall(sum); sum(10);',
			].join('\n'),
		);
		const trace = (...args: string[]) =>
			execFileSync(process.execPath, ['--allow-natives-syntax', '--trace-turbo-inlining', script, ...args], {encoding: 'utf8'});
		expect(trace()).toMatch(/inlin/i);
		expect(trace('apply')).not.toMatch(/inlin/i);
	});
});
