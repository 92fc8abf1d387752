// Test helper: runs the built bundle (dist/cli.cjs) as a user would, without a terminal. (The
// launcher, dist/proctop.cjs, runs the same bundle through V8's code cache: cli-environment.test.ts.)
import {spawn} from 'node:child_process';
import {join} from 'node:path';

export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.cjs');

export type CliResult = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string};

export function runCli(args: string[], options: {env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number} = {}): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], {env: {...process.env, ...options.env}, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code, signal, stdout, stderr});
		});
		child.stdin.end(options.input ?? '');
	});
}
