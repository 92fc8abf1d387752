// Benchmark: what the PORTS column and `--kill :PORT` cost. A quiet tick (no socket came or went:
// only /proc/net/sockstat is read), reading the socket tables themselves, and a port → pid lookup when a new listener appears,
// worst case (its process scanned last, every other process's fds read first), at base and
// +1,000 processes; `ss -ltnp` and `lsof -i` answering the same question in the same run.
// Run: node bench/ports.js
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';
import {countProcesses, startSleepers} from './lib/load.js';
import {loadSource} from './lib/load-source.js';

const {createLinuxInspector} = await loadSource('source/platform/linux/inspect.ts');
const {createPortIndex} = await loadSource('source/identify/ports.ts');

function listener() {
	const child = spawn(
		process.execPath,
		['-e', "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>process.stdout.write(s.address().port+'\\n'))"],
		{stdio: ['ignore', 'pipe', 'ignore']},
	);
	return new Promise(resolve => child.stdout.once('data', data => resolve({child, port: Number(String(data))})));
}

/** No process appeared or exited since the last scan. */
const QUIET = {appeared: new Set(), exitedPids: new Set()};
const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function time(run, times) {
	const samples = [];
	for (let index = 0; index < times; index++) {
		const start = performance.now();
		run();
		samples.push(performance.now() - start);
	}
	return median(samples);
}

function external(command, args) {
	if (!existsSync(`/usr/bin/${command}`)) return Number.NaN;
	return time(() => execFileSync(command, args, {stdio: 'ignore'}), 5);
}

console.log('| processes | quiet tick (ms) | reading the socket tables (ms) | new listener → its pid, worst case (ms) | ss -ltnp (ms) | lsof -i :PORT (ms) |');
console.log('|---|---|---|---|---|---|');
for (const extra of [0, 1000]) {
	const load = await startSleepers(extra);
	const {child, port} = await listener();
	const inspector = createLinuxInspector('/proc');
	const pids = readdirSync('/proc')
		.filter(name => /^\d+$/.test(name))
		.map(Number)
		.filter(pid => pid !== child.pid);
	// The listener's process last: every other process is read before the one that holds it.
	const processes = [...pids, child.pid].map(pid => ({pid, key: `${pid}:x`, isKernelThread: false}));
	const quietIndex = createPortIndex({listening: inspector.listening, socketsOf: inspector.socketsOf, socketsToken: inspector.socketsToken});
	quietIndex.scan(processes, QUIET);
	const quiet = time(() => quietIndex.scan(processes, QUIET), 50);
	const tables = time(() => inspector.listening(), 20);
	let found = false;
	const lookup = time(() => {
		const index = createPortIndex({listening: inspector.listening, socketsOf: inspector.socketsOf});
		found =
			index
				.scan(processes, QUIET)
				.byPid.get(child.pid)
				?.some(listener => listener.port === port) ?? false;
	}, 5);
	if (!found) throw new Error('the listener was not found');
	const ss = external('ss', ['-ltnpH']);
	const lsof = external('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN']);
	console.log(`| ${countProcesses()} | ${quiet.toFixed(2)} | ${tables.toFixed(1)} | ${lookup.toFixed(1)} | ${ss.toFixed(1)} | ${lsof.toFixed(1)} |`);
	child.kill();
	await load.stop();
}
