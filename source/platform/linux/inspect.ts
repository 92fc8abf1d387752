// What a process is, as far as /proc and a few well-known files say: its arguments one by one,
// working directory, cgroup, the nearest package.json above a directory, and the names Docker,
// Podman and the kubelet give to containers and pods. Read once per process identity by the
// identify stage (never every tick); every text that reaches the screen is sanitized here.
// I/O: files under the procfs root, package.json files, container runtimes' state files.

import {readdirSync, readFileSync, readlinkSync} from 'node:fs';
import {decodeUtf8, sanitize, sanitizeLines} from '../../sanitize.js';
import type {Inspector, PackageInfo} from '../../types.js';
import {readProcFile} from './proc-files.js';
import {readListeningSockets, readSocketsToken, socketInodesOf} from './sockets.js';

export type ContainerFiles = {
	/** Docker's per-container config: `<dockerRoot>/containers/<id>/config.v2.json`. */
	dockerRoot: string;
	/** Podman's (containers/storage) list of containers with their names. */
	podmanContainers: string;
	/** The kubelet's pod log directories, named `<namespace>_<pod>_<uid>`. */
	podLogs: string;
};

export const CONTAINER_FILES: ContainerFiles = {
	dockerRoot: '/var/lib/docker',
	podmanContainers: '/var/lib/containers/storage/overlay-containers/containers.json',
	podLogs: '/var/log/pods',
};

function readText(path: string, limit = 1 << 20): string | undefined {
	try {
		const bytes = readFileSync(path);
		return bytes.length > limit ? undefined : decodeUtf8(bytes);
	} catch {
		return undefined;
	}
}

/** /proc/<pid>/cmdline as separate, sanitized arguments (a set title stays one argument). */
export function readArgv(pid: number, procRoot: string): string[] | undefined {
	let bytes: Buffer;
	try {
		bytes = readProcFile(`${procRoot}/${pid}/cmdline`);
	} catch {
		return undefined;
	}
	let end = bytes.length;
	while (end > 0 && bytes[end - 1] === 0) end--;
	if (end === 0) return [];
	return decodeUtf8(bytes.subarray(0, end)).split('\u0000').map(sanitize);
}

export function readCwd(pid: number, procRoot: string): string | undefined {
	try {
		return sanitize(readlinkSync(`${procRoot}/${pid}/cwd`));
	} catch {
		return undefined;
	}
}

/** /proc/<pid>/cgroup, each line sanitized (a unit or container name can be anything). */
export function readCgroup(pid: number, procRoot: string): string | undefined {
	try {
		return sanitizeLines(readProcFile(`${procRoot}/${pid}/cgroup`));
	} catch {
		return undefined;
	}
}

/** Finds the nearest package.json with a name at or above a directory; remembers each directory's answer. */
export function createPackageFinder(): (dir: string) => PackageInfo | undefined {
	const known = new Map<string, PackageInfo | null>();
	function near(dir: string): PackageInfo | undefined {
		const cached = known.get(dir);
		if (cached !== undefined) return cached ?? undefined;
		let found: PackageInfo | undefined;
		const text = readText(`${dir === '/' ? '' : dir}/package.json`, 256 * 1024);
		if (text !== undefined) {
			try {
				const name = (JSON.parse(text) as {name?: unknown}).name;
				if (typeof name === 'string' && name !== '') found = {name: sanitize(name), dir};
			} catch {
				// Not JSON: look further up, as if it were not there.
			}
		}
		if (!found && dir !== '/' && dir !== '') found = near(dir.slice(0, dir.lastIndexOf('/')) || '/');
		// Bounded: a long-running monitor meets many directories.
		if (known.size >= 4096) known.clear();
		known.set(dir, found ?? null);
		return found;
	}
	return near;
}

/** A Docker container's name from its config (`"Name":"/web-1"`), else undefined. */
export function dockerName(id: string, files: ContainerFiles): string | undefined {
	const text = readText(`${files.dockerRoot}/containers/${id}/config.v2.json`, 4 << 20);
	const name = text?.match(/"Name"\s*:\s*"\/?([^"]+)"/)?.[1];
	return name ? sanitize(name) : undefined;
}

/** A Podman container's name from containers/storage's list. */
export function podmanName(id: string, files: ContainerFiles): string | undefined {
	const text = readText(files.podmanContainers, 16 << 20);
	if (!text) return undefined;
	try {
		const entries = JSON.parse(text) as Array<{id?: string; names?: string[]}>;
		const name = entries.find(entry => entry.id === id)?.names?.[0];
		return name ? sanitize(name) : undefined;
	} catch {
		return undefined;
	}
}

/** A pod's `namespace/name` from the kubelet's log directory `<namespace>_<name>_<uid>`. */
export function podName(uid: string, files: ContainerFiles): string | undefined {
	try {
		const entry = readdirSync(files.podLogs).find(name => name.endsWith(`_${uid}`));
		const [namespace, pod] = entry?.split('_') ?? [];
		return namespace && pod ? sanitize(`${namespace}/${pod}`) : undefined;
	} catch {
		return undefined;
	}
}

/** The Linux inspector: everything above under one procfs root, sockets included. */
export function createLinuxInspector(procRoot: string, files: ContainerFiles = CONTAINER_FILES): Inspector {
	return {
		argv: pid => readArgv(pid, procRoot),
		cwd: pid => readCwd(pid, procRoot),
		packageNear: createPackageFinder(),
		cgroup: pid => readCgroup(pid, procRoot),
		containerName: (runtime, id) => (runtime === 'docker' ? dockerName(id, files) : podmanName(id, files)),
		podName: uid => podName(uid, files),
		listening: () => readListeningSockets(procRoot),
		socketsToken: () => readSocketsToken(procRoot),
		socketsOf: pid => socketInodesOf(pid, procRoot),
	};
}
