// npm run bench: every benchmark in turn, each printing its own table (they start and clean up
// their own load processes). Takes a few minutes. The soak is separate: npm run soak.
import {execFileSync} from 'node:child_process';

for (const [script, ...args] of [
	['bench/snapshot.js', '20'],
	['bench/system-calls.js'],
	['bench/first-frame.js', '5'],
	['bench/first-key.js', '7'],
	['bench/steady.js', '60', '60'],
	['bench/typing.js'],
	['bench/ports.js'],
	['bench/serve.js'],
	['bench/history.js', '600'],
	['bench/recording.js', '60', '24'],
]) {
	console.log(`\n## ${script}\n`);
	execFileSync(process.execPath, [script, ...args], {stdio: 'inherit'});
}
