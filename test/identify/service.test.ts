import {describe, expect, test} from 'vitest';
import {cgroupPath, serviceOf} from '../../source/identify/service.js';

const ID = 'f3c9a1b2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f';
const names = {
	containerName: (runtime: string, id: string) => (id === ID ? `${runtime}-web-1` : undefined),
	podName: (uid: string) => (uid === '6b8f1c2a-3d4e-4f50-8a9b-0c1d2e3f4a5b' ? 'shop/api-7d9f' : undefined),
};

describe('serviceOf, from /proc/<pid>/cgroup', () => {
	test.each([
		['v2, a system service', '0::/system.slice/nginx.service\n', 'nginx.service'],
		['v2, a login session', '0::/user.slice/user-1000.slice/session-3.scope\n', 'session-3.scope'],
		[
			'v2, an app under the user manager (innermost unit)',
			'0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-firefox-4242.scope\n',
			'app-gnome-firefox-4242.scope',
		],
		['v2, init', '0::/init.scope\n', 'init.scope'],
		['v1, the systemd hierarchy', '12:pids:/system.slice/ssh.service\n1:name=systemd:/system.slice/ssh.service\n0::/\n', 'ssh.service'],
		['v2, docker (systemd driver), named', `0::/system.slice/docker-${ID}.scope\n`, 'docker:docker-web-1'],
		[
			'v1, docker (cgroupfs driver), unnamed: 12-character id',
			`4:memory:/docker/${ID.replace('f3', 'aa')}\n1:name=systemd:/docker/${ID.replace('f3', 'aa')}\n`,
			'docker:aac9a1b2d4e5',
		],
		['v2, podman', `0::/machine.slice/libpod-${ID}.scope/container\n`, 'podman:podman-web-1'],
		[
			'v2, kubernetes (systemd driver), pod named by the kubelet',
			`0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod6b8f1c2a_3d4e_4f50_8a9b_0c1d2e3f4a5b.slice/cri-containerd-${ID}.scope\n`,
			'shop/api-7d9f',
		],
		[
			'v1, kubernetes (cgroupfs driver), pod unknown: its uid',
			`11:memory:/kubepods/besteffort/pod11111111-2222-3333-4444-555555555555/${ID}\n`,
			'pod:11111111-2222-3333-4444-555555555555',
		],
		['v2, containerd without kubernetes', `0::/system.slice/containerd.service/cri-containerd-${ID}.scope\n`, `containerd:${ID.slice(0, 12)}`],
		['v2, the root cgroup (a container with a private cgroup namespace)', '0::/\n', ''],
	])('%s', (_, text, expected) => {
		expect(serviceOf(text, names)).toBe(expected);
	});

	test('unreadable cgroup (exited, or not Linux): no service', () => {
		expect(serviceOf(undefined)).toBe('');
	});

	test('the path shown in details prefers v2, then systemd, then any non-root controller', () => {
		expect(cgroupPath('4:memory:/process_api/abc\n1:name=systemd:/\n0::/\n')).toBe('/process_api/abc');
		expect(cgroupPath('1:name=systemd:/system.slice/a.service\n0::/system.slice/b.service\n')).toBe('/system.slice/b.service');
	});
});
