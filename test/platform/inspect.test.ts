import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, realpathSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {type ContainerFiles, createLinuxInspector, createPackageFinder, readArgv, readCwd} from '../../source/platform/linux/inspect.js';

const ID = 'f3c9a1b2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f';

describe('the Linux inspector, against real files', () => {
	test('argv keeps arguments apart (spaces inside one stay), sanitized; cwd is the real directory', async () => {
		const dir = realpathSync(mkdtempSync(join(tmpdir(), 'proctop-inspect-')));
		const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', 'two words', 'bad\u001b[2Jbyte'], {cwd: dir, stdio: 'ignore'});
		try {
			await new Promise(resolve => child.once('spawn', resolve));
			expect(readArgv(child.pid!, '/proc')).toEqual([process.execPath, '-e', 'setTimeout(() => {}, 30000)', 'two words', 'bad\\e[2Jbyte']);
			expect(readCwd(child.pid!, '/proc')).toBe(dir);
		} finally {
			child.kill();
		}
		expect(readArgv(2 ** 22 + 1, '/proc')).toBeUndefined();
	});

	test('the nearest package.json with a name, looked up once per directory', () => {
		const root = realpathSync(mkdtempSync(join(tmpdir(), 'proctop-packages-')));
		mkdirSync(join(root, 'app', 'src', 'deep'), {recursive: true});
		writeFileSync(join(root, 'app', 'package.json'), JSON.stringify({name: 'my-api'}));
		writeFileSync(join(root, 'app', 'src', 'package.json'), '{"type": "module"}'); // no name: keep looking up
		const near = createPackageFinder();
		expect(near(join(root, 'app', 'src', 'deep'))).toEqual({name: 'my-api', dir: join(root, 'app')});
		writeFileSync(join(root, 'app', 'package.json'), JSON.stringify({name: 'renamed'}));
		expect(near(join(root, 'app', 'src', 'deep'))?.name).toBe('my-api'); // remembered
		expect(near(root)).toBeUndefined();
	});

	test("container and pod names from the runtimes' files", () => {
		const root = mkdtempSync(join(tmpdir(), 'proctop-runtimes-'));
		const files: ContainerFiles = {dockerRoot: join(root, 'docker'), podmanContainers: join(root, 'containers.json'), podLogs: join(root, 'pods')};
		mkdirSync(join(files.dockerRoot, 'containers', ID), {recursive: true});
		writeFileSync(join(files.dockerRoot, 'containers', ID, 'config.v2.json'), JSON.stringify({ID, Name: '/web-1', Config: {Hostname: 'x'}}));
		writeFileSync(files.podmanContainers, JSON.stringify([{id: ID, names: ['db']}]));
		mkdirSync(join(files.podLogs, 'shop_api-7d9f_6b8f1c2a-3d4e-4f50-8a9b-0c1d2e3f4a5b'), {recursive: true});
		const inspector = createLinuxInspector('/proc', files);
		expect(inspector.containerName!('docker', ID)).toBe('web-1');
		expect(inspector.containerName!('podman', ID)).toBe('db');
		expect(inspector.containerName!('docker', ID.replace('f3', '00'))).toBeUndefined();
		expect(inspector.podName!('6b8f1c2a-3d4e-4f50-8a9b-0c1d2e3f4a5b')).toBe('shop/api-7d9f');
		expect(inspector.podName!('00000000-0000-0000-0000-000000000000')).toBeUndefined();
	});

	test('this process: its cgroup is readable text', () => {
		expect(createLinuxInspector('/proc').cgroup!(process.pid)).toMatch(/^\d+:/);
	});
});
