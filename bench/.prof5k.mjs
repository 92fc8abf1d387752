import {startSleepers, countProcesses} from './lib/load.js';
import {startInPty} from './lib/pty-screen.js';
import {residentMiB} from './lib/proc-usage.js';
const extra = Number(process.argv[2] ?? 5000);
const load = await startSleepers(extra);
console.log('processes', countProcesses());
const screen = startInPty(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof5k', '--heap-prof', '--heap-prof-dir=/tmp/heap5k', 'dist/cli.js'], {env: {XDG_CONFIG_HOME: '/tmp/proctop-bench-config'}});
await new Promise(r => setTimeout(r, 4000));
let rss = 0; const rs = [];
for (let i = 0; i < 25; i++) { await new Promise(r => setTimeout(r, 1000)); const v = residentMiB(screen.child.pid); rs.push(v.toFixed(0)); }
console.log('rss', rs.join(' '));
screen.write('q');
await Promise.race([screen.exited, new Promise(r => setTimeout(r, 5000))]);
await load.stop();
