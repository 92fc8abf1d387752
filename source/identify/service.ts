// The SERVICE label (pure): where a process runs, from its /proc/<pid>/cgroup text (cgroup v1 or
// v2): a Kubernetes pod as `namespace/pod` (else `pod:<uid>`), a container as `docker:<name>`,
// `podman:<name>` or `containerd:<id>` (the name where the runtime's files say, else the
// 12-character id), else the innermost systemd unit (`nginx.service`, `session-2.scope`).

export type ServiceLookups = {
	containerName?: (runtime: 'docker' | 'podman', id: string) => string | undefined;
	podName?: (uid: string) => string | undefined;
};

/** The cgroup path that says most: v2's unified one, else v1's systemd one, else any non-root one. */
export function cgroupPath(text: string): string {
	const lines = text.split('\n').filter(Boolean);
	const entries = lines.map(line => {
		const first = line.indexOf(':');
		const second = line.indexOf(':', first + 1);
		return {controllers: line.slice(first + 1, second), path: line.slice(second + 1)};
	});
	const unified = entries.find(entry => entry.controllers === '' && entry.path !== '/');
	const systemd = entries.find(entry => entry.controllers === 'name=systemd' && entry.path !== '/');
	const other = entries.find(entry => entry.path !== '/' && entry.path !== '');
	return (unified ?? systemd ?? other)?.path ?? '/';
}

function container(path: string, lookups: ServiceLookups): string | undefined {
	const runtimes: Array<['docker' | 'podman' | 'containerd', RegExp]> = [
		['docker', /(?:^|\/)docker[-/]([0-9a-f]{64})(?:\.scope)?(?:\/|$)/],
		['podman', /(?:^|\/)libpod-(?:conmon-)?([0-9a-f]{64})(?:\.scope)?(?:\/|$)/],
		['containerd', /(?:^|\/)(?:cri-containerd|crio)-([0-9a-f]{64})(?:\.scope)?(?:\/|$)/],
	];
	for (const [runtime, pattern] of runtimes) {
		const id = path.match(pattern)?.[1];
		if (!id) continue;
		const name = runtime === 'containerd' ? undefined : lookups.containerName?.(runtime, id);
		return `${runtime}:${name ?? id.slice(0, 12)}`;
	}
	return undefined;
}

function pod(path: string, lookups: ServiceLookups): string | undefined {
	if (!path.includes('kubepods')) return undefined;
	// systemd driver: kubepods-burstable-pod<uid with _>.slice; cgroupfs driver: /kubepods/burstable/pod<uid>/.
	const uid = path.match(/pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})/)?.[1]?.replaceAll('_', '-');
	if (!uid) return undefined;
	return lookups.podName?.(uid) ?? `pod:${uid}`;
}

function systemdUnit(path: string): string | undefined {
	const units = path.split('/').filter(part => /\.(service|scope)$/.test(part));
	return units.at(-1);
}

export function serviceOf(cgroupText: string | undefined, lookups: ServiceLookups = {}): string {
	return cgroupText ? serviceOfPath(cgroupPath(cgroupText), lookups) : '';
}

/** The same from a path cgroupPath already found (for a caller that keeps the path too). */
export function serviceOfPath(path: string, lookups: ServiceLookups = {}): string {
	if (path === '/' || path === '') return '';
	return pod(path, lookups) ?? container(path, lookups) ?? systemdUnit(path) ?? '';
}
