import {describe, expect, test} from 'vitest';
import {parseServeAddress} from '../../source/serve/address.js';

describe('parseServeAddress', () => {
	test.each([
		['', {host: '127.0.0.1', port: 9256, loopback: true}],
		['9300', {host: '127.0.0.1', port: 9300, loopback: true}],
		[':9300', {host: '127.0.0.1', port: 9300, loopback: true}],
		['0.0.0.0:9256', {host: '0.0.0.0', port: 9256, loopback: false}],
		['127.0.0.2:80', {host: '127.0.0.2', port: 80, loopback: true}],
		['[::1]:9256', {host: '::1', port: 9256, loopback: true}],
		['[::]:9256', {host: '::', port: 9256, loopback: false}],
		['localhost:9256', {host: 'localhost', port: 9256, loopback: true}],
	])('%j', (text, expected) => {
		expect(parseServeAddress(text)).toEqual(expected);
	});
	test.each(['70000', 'host:', 'a:b:c', '[::1]', ':http'])('%j is refused with one line', text => {
		const result = parseServeAddress(text);
		expect('error' in result && result.error).toMatch(/^--serve /);
	});
});
