#!/usr/bin/env node
// The `proctop` command. Deliberately old-fashioned JavaScript: it must parse on any Node, so
// that an old Node prints one clear line instead of a syntax error from the modern bundle.
'use strict';

var major = Number(process.versions.node.split('.')[0]);
if (!(major >= 20)) {
	process.stderr.write(
		'proctop needs Node.js 20 or newer; this is Node.js ' +
			process.version +
			'. Install a current Node (https://nodejs.org) or switch with a version manager such as nvm.\n',
	);
	process.exit(1);
}

// V8's settings (a small young generation, a small heap, no inlining): why each, in v8-flags.cjs.
// Before the program is compiled, as its code cache was made under them.
var path = require('node:path');
require(path.join(__dirname, 'v8-flags.cjs')).applyV8Flags(require('node:v8').setFlagsFromString);

var isatty = require('node:tty').isatty;
// `proctop --help` or `--version` alone: a small bundle answers (the program's takes ~120 ms more to load).
var args = process.argv.slice(2);
var quick = args.length === 1 && ['--help', '-h', '--version', '-V'].indexOf(args[0]) !== -1;
try {
	if (quick) require(path.join(__dirname, 'quick-answer.cjs'));
	// The monitor on a terminal may write the whole code cache; other runs a partial one (code-cache.cjs).
	// isatty, not process.stdin.isTTY: touching process.stdin would make its stream here, for every run.
	else require(path.join(__dirname, 'code-cache.cjs')).runBundle(path.join(__dirname, 'cli.cjs'), {interactive: isatty(0) && isatty(1)});
} catch (error) {
	// No optional chaining here: this file must parse on a Node too old to run the program.
	process.stderr.write(`proctop: ${error instanceof Error && error.stack ? error.stack : String(error)}\n`);
	process.exit(1);
}
