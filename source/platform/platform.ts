// The platform: the one object that touches the operating system, built once in cli.tsx and
// handed to everything else (tests hand in a fake). On Linux every part reads under one procfs
// root (PROCTOP_PROC_ROOT, default /proc): the process table, the header meters, a process's
// details and the identity re-checked before kill. Elsewhere ps-list and systeminformation.
// This file holds the platform branch for all of that I/O (the signal table reads node's signal
// numbers for this platform too: data, not I/O).

import {setPriority} from 'node:os';
import type {Inspector, IoReading, Source} from '../types.js';
import {type Maybe, type ProcessDetails, readDetails} from './linux/details.js';
import {readProcIdentity, threadIds} from './linux/identity.js';
import {createLinuxInspector} from './linux/inspect.js';
import {type OpenFile, readEnvironment, readOpenFiles} from './linux/process-lists.js';
import {createProcfsSource, readMachineConstants} from './linux/procfs.js';
import {createIoReader, createOomScoreReader, createResourceReader, createSharedMemoryReader, type ResourceReader} from './linux/resources.js';
import {createThreadReader, type ThreadReader} from './linux/threads.js';
import {createProcfsSystemReader, createSiSystemReader, type SystemReader} from './meters.js';
import {existsIdentity} from './other/identity.js';
import {createPsListSource} from './other/ps-list.js';
import {lookUpUser} from './users.js';

/** What the OS says about a pid right now. */
export type Identity = {startTicks: string; state: string; ppid: number; name: string; kernelThread?: boolean};

export type Platform = {
	readonly kind: 'linux' | 'other';
	/** The process table (procfs: exact CPU deltas; ps-list: `ps`'s figures). */
	readonly source: Source;
	/** What a process is (arguments, working directory, cgroup, sockets): read per identity. */
	readonly inspector: Inspector;
	/** Header meters: memory, swap, load, uptime (and per-core load off Linux). */
	readonly meters: SystemReader;
	/** One process's details for the details view; absent where the platform has none. */
	readonly readDetails?: (pid: number) => ProcessDetails;
	/** The details view's lists: its environment (e) and its open files (l). */
	readonly readEnvironment?: (pid: number) => Maybe<string[]>;
	readonly readOpenFiles?: (pid: number) => Maybe<OpenFile[]>;
	/** Swap, context switches, storage bytes and fds of one process (for --serve); absent where unknown. */
	readonly readResources?: ResourceReader;
	/** One process's storage counters (/proc/<pid>/io), for the I/O rate columns. */
	readonly readIo?: (pid: number) => IoReading;
	/** One process's OOM-killer score (/proc/<pid>/oom_score), for the OOM column. */
	readonly readOomScore?: (pid: number) => number | undefined;
	/** One process's shared resident bytes (/proc/<pid>/statm), for the SHR column. */
	readonly readSharedMemory?: (pid: number) => number | undefined;
	/** The thread table (H, --threads), read only while threads are shown; absent where unknown. */
	readonly threads?: ThreadReader;
	/** The identity re-checked immediately before a signal or renice; undefined when gone. */
	readIdentity(pid: number): Identity | undefined;
	/** Thread ids: Linux keeps a nice value per thread, so renice reaches each. */
	threadsOf(pid: number): number[];
	kill(pid: number, signal: NodeJS.Signals | number): void;
	setNice(pid: number, nice: number): void;
	/** A --user as processes show it (a name, or a uid without one), or undefined when unknown. */
	lookUpUser(name: string): string | undefined;
};

/** The parts of a platform that signalling needs (what a test fakes for the signaller). */
export type SignalPlatform = Pick<Platform, 'readIdentity' | 'threadsOf' | 'kill' | 'setNice'>;

const killProcess = (pid: number, signal: NodeJS.Signals | number) => process.kill(pid, signal);

export function createLinuxPlatform(procRoot = '/proc'): Platform {
	// Read once (the auxiliary vector): the table's CPU and memory, and SHR, all need them.
	const constants = readMachineConstants(procRoot);
	return {
		kind: 'linux',
		source: createProcfsSource({procRoot, constants}),
		inspector: createLinuxInspector(procRoot),
		meters: createProcfsSystemReader(procRoot),
		readDetails: pid => readDetails(pid, procRoot),
		readEnvironment: pid => readEnvironment(pid, procRoot),
		readOpenFiles: pid => readOpenFiles(pid, procRoot),
		readResources: createResourceReader(procRoot),
		readIo: createIoReader(procRoot),
		readOomScore: createOomScoreReader(procRoot),
		readSharedMemory: createSharedMemoryReader(procRoot, constants.pageSize),
		threads: createThreadReader(procRoot),
		readIdentity: pid => readProcIdentity(pid, procRoot),
		threadsOf: pid => threadIds(pid, procRoot),
		kill: killProcess,
		setNice: setPriority,
		lookUpUser: name => lookUpUser(name),
	};
}

export function createOtherPlatform(): Platform {
	return {
		kind: 'other',
		source: createPsListSource(),
		// ps-list gives a joined command line only: the labels work from that; no ports or cgroups.
		inspector: {argv: () => undefined, cwd: () => undefined, packageNear: () => undefined},
		meters: createSiSystemReader(),
		readIdentity: existsIdentity,
		threadsOf: pid => [pid],
		kill: killProcess,
		setNice: setPriority,
		lookUpUser: name => name,
	};
}

/** PROCTOP_PROC_ROOT points the Linux platform at another procfs (a container's, a test's). */
export function createPlatform(platform: NodeJS.Platform = process.platform, environment: NodeJS.ProcessEnv = process.env): Platform {
	return platform === 'linux' ? createLinuxPlatform(environment.PROCTOP_PROC_ROOT || '/proc') : createOtherPlatform();
}
