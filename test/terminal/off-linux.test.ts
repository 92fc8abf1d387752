// The built bundle's path off Linux, run here by telling it the platform is macOS: the process
// list comes from ps-list (`ps`), the header meters from systeminformation, which the build puts
// in a file of its own beside the bundle (dist/systeminformation.cjs, required only on this path).
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir, totalmem} from 'node:os';
import {join} from 'node:path';
import {expect, test} from 'vitest';
import {CLI, runCli} from '../helpers/run-cli.js';

test.runIf(process.platform === 'linux')('as on macOS: processes from ps-list, meters from the separate systeminformation file', async () => {
	// The bundle itself leaves systeminformation out and requires its file.
	const bundle = readFileSync(CLI, 'utf8');
	expect(bundle).toContain('require("./systeminformation.cjs")');
	expect(bundle).not.toContain('cpuTemperature');
	const directory = mkdtempSync(join(tmpdir(), 'proctop-off-linux-'));
	const asMacOs = join(directory, 'as-macos.cjs');
	writeFileSync(asMacOs, "Object.defineProperty(process, 'platform', {value: 'darwin'});\n");
	const result = await runCli(['--json'], {env: {NODE_OPTIONS: `--require ${asMacOs}`, XDG_CONFIG_HOME: directory}});
	expect(result.code).toBe(0);
	const document = JSON.parse(result.stdout) as {system: {memory: {totalBytes: number}}; processes: {pid: number}[]};
	// systeminformation's own reading of the machine (on Linux it still reads /proc/meminfo).
	expect(document.system.memory.totalBytes).toBe(totalmem());
	expect(document.processes.map(process => process.pid)).toContain(process.pid);
});
