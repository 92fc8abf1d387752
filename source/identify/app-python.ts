// App labels for Python (pure): `-m module`, a script relative to the working directory, the
// WSGI/ASGI/Celery app a server runs (`gunicorn app:app`, `uvicorn main:app`, `celery proj
// worker`), the virtual environment's project from the interpreter's path, and multiprocessing's
// helper processes, which only make sense as "worker of" their parent.

import {type AppFacts, basename, firstOperand, INSIDE, optionValue, relativeInside, resolvePath} from './app-facts.js';

const PYTHON_VALUE_OPTIONS = new Set(['-W', '-X', '-Q']);
const SERVERS = new Set(['gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'waitress-serve']);

/** The project a virtual environment belongs to: `/srv/shop/.venv/bin/python` → `shop`. */
export function venvOf(interpreter: string): string | undefined {
	const parts = interpreter.split('/');
	const bin = parts.lastIndexOf('bin');
	if (bin < 2 || bin !== parts.length - 2) return undefined;
	const environment = parts[bin - 1]!;
	if (['.venv', 'venv', 'env', '.env', 'virtualenv', '.virtualenv'].includes(environment)) return parts[bin - 2] || undefined;
	const home = parts[bin - 2];
	if (home === '.virtualenvs' || home === 'envs' || home === 'virtualenvs' || home === '.pyenv') return environment;
	return undefined;
}

/** A server's app argument: the first `module:callable` operand. */
const appSpec = (rest: readonly string[]) => rest.find(arg => /^[\w.]+:[\w.()]+$/.test(arg));

/** What a Python tool runs, by the tool's name and the arguments after it. */
function toolLabel(tool: string, rest: readonly string[]): string {
	if (SERVERS.has(tool)) return [tool, appSpec(rest)].filter(Boolean).join(' ');
	if (tool === 'celery') {
		const app = optionValue(rest, ['-A', '--app']);
		const command = rest.find((arg, index) => /^(worker|beat|flower|events|multi)$/.test(arg) && rest[index - 1] !== '-A' && rest[index - 1] !== '--app');
		return ['celery', app, command].filter(Boolean).join(' ');
	}
	if (tool === 'manage.py' || tool === 'django-admin') return [tool, rest.find(arg => !arg.startsWith('-'))].filter(Boolean).join(' ');
	if (tool === 'pip' || tool === 'pip3' || tool === 'flask' || tool === 'pytest' || tool === 'poetry') {
		const command = rest.find(arg => !arg.startsWith('-'));
		return command && /^[a-z][\w-]*$/.test(command) ? `${tool} ${command}` : tool;
	}
	return tool;
}

const KNOWN_TOOLS = /^(gunicorn|uvicorn|hypercorn|daphne|waitress-serve|celery|manage\.py|django-admin|pip3?|flask|pytest|poetry|jupyter(-\w+)?|ipython)$/;

/** multiprocessing's helpers: started with `-c "from multiprocessing.… import …"`. */
function multiprocessingRole(code: string): string | undefined {
	if (code.includes('multiprocessing.spawn') || code.includes('multiprocessing.popen')) return 'worker';
	if (code.includes('multiprocessing.forkserver')) return 'forkserver';
	if (code.includes('multiprocessing.resource_tracker') || code.includes('multiprocessing.semaphore_tracker')) return 'resource tracker';
	return undefined;
}

export function labelPython(argv: readonly string[], facts: AppFacts): string {
	const interpreter = argv[0]!;
	const project = venvOf(interpreter);
	const inProject = (what: string) => (project ? `${project}${INSIDE}${what}` : what);
	for (let index = 1; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '-m' || (arg.startsWith('-m') && !arg.startsWith('--'))) {
			const module = arg === '-m' ? argv[index + 1] : arg.slice(2);
			const rest = argv.slice(index + (arg === '-m' ? 2 : 1));
			return module ? inProject(KNOWN_TOOLS.test(module) ? toolLabel(module, rest) : module) : 'python -m';
		}
		if (arg === '-c' || (arg.startsWith('-c') && !arg.startsWith('--'))) {
			const role = multiprocessingRole(arg === '-c' ? (argv[index + 1] ?? '') : arg.slice(2));
			if (!role) return inProject('python -c');
			const parent = facts.parentApp();
			return parent ? `${role} of ${parent}` : `multiprocessing ${role}`;
		}
		if (!arg.startsWith('-') || arg === '-') break;
		if (PYTHON_VALUE_OPTIONS.has(arg)) index++;
	}
	const index = firstOperand(argv, 1, PYTHON_VALUE_OPTIONS);
	if (index === -1) return inProject(basename(interpreter));
	const script = argv[index]!;
	const rest = argv.slice(index + 1);
	const name = basename(script);
	if (KNOWN_TOOLS.test(name)) return inProject(toolLabel(name, rest));
	const cwd = facts.cwd();
	const absolute = resolvePath(cwd, script);
	const shown = (absolute && cwd && relativeInside(cwd, absolute)) || name;
	return inProject(shown);
}
