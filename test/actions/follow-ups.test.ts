// What proctop says after a signal, with a fake clock and a scripted /proc: pure, no React.
import {describe, expect, test} from 'vitest';
import {createFollowUps, GRACE_MS} from '../../source/actions/follow-ups.js';
import type {PickedProcess} from '../../source/ui/state.js';

const target = (pid: number, name = `p${pid}`, command = `/bin/${name}`): PickedProcess => ({
	pid,
	startTicks: '1',
	name,
	user: 'alice',
	key: `${pid}:1`,
	command,
});

/** Processes by pid with their state letter; absent = gone. */
function world(initial: Record<number, string>) {
	const states = new Map(Object.entries(initial).map(([pid, state]) => [Number(pid), state]));
	let time = 0;
	const followUps = createFollowUps({
		check: t => (states.has(t.pid) ? {status: 'same', identity: {startTicks: '1', state: states.get(t.pid)!, ppid: 1, name: t.name}} : {status: 'gone'}),
		now: () => time,
		wallNow: () => 1_000_000 + time,
	});
	return {followUps, states, advance: (ms: number) => (time += ms)};
}

describe('follow-ups', () => {
	test('a target that exits: "exited after SIGTERM (0.4 s)"', () => {
		const {followUps, states, advance} = world({10: 'S'});
		followUps.watch({targets: [target(10)], signal: 'SIGTERM'});
		advance(100);
		expect(followUps.poll()).toEqual([]);
		states.delete(10);
		advance(300);
		expect(followUps.poll()).toEqual([{type: 'say', text: '10 p10 exited after SIGTERM (0.4 s)'}]);
		expect(followUps.active()).toBe(false);
	});

	test('still running after the grace period: offer SIGKILL, and k preselects it', () => {
		const {followUps, advance} = world({10: 'S'});
		followUps.watch({targets: [target(10)], signal: 'SIGTERM'});
		advance(GRACE_MS);
		expect(followUps.poll()).toEqual([{type: 'say', text: '10 p10 still running after SIGTERM; press k to send SIGKILL'}]);
		expect(followUps.preferredSignal(['10:1'])).toBe('SIGKILL');
		expect(followUps.preferredSignal(['11:1'])).toBe('SIGTERM');
	});

	test('a stopped process that got SIGTERM: it acts once continued, so offer SIGCONT, not SIGKILL', () => {
		const {followUps, advance} = world({10: 'T'});
		followUps.watch({targets: [target(10)], signal: 'SIGTERM'});
		advance(GRACE_MS);
		expect(followUps.poll()).toEqual([{type: 'say', text: '10 p10 is stopped and will act on SIGTERM once continued; press k to send SIGCONT'}]);
		expect(followUps.preferredSignal(['10:1'])).toBe('SIGCONT');
	});

	test('still there after SIGKILL: no advice to send SIGKILL again', () => {
		const {followUps, advance} = world({10: 'D'});
		followUps.watch({targets: [target(10)], signal: 'SIGKILL'});
		advance(GRACE_MS);
		const [event] = followUps.poll();
		expect(event).toEqual({type: 'say', text: '10 p10 still running after SIGKILL: it is inside the kernel (disk wait?) and ends when that call returns'});
		expect(followUps.preferredSignal(['10:1'])).toBe('SIGTERM');
	});

	test('a subtree with a survivor: asks about SIGKILL for it, with the tally', () => {
		const {followUps, states, advance} = world({10: 'S', 11: 'S', 12: 'S'});
		const root = target(10);
		followUps.watch({targets: [target(12), target(11), root], signal: 'SIGTERM', subtree: {root, total: 3}});
		states.delete(11);
		states.delete(10);
		advance(GRACE_MS);
		const [event] = followUps.poll();
		expect(event?.type).toBe('ask');
		if (event?.type !== 'ask') return;
		expect(event.confirm).toMatchObject({
			kind: 'subtree-kill',
			question: 'subtree of 10 p10: 1 of 3 still running after SIGTERM. Send SIGKILL to it?',
			exitedBefore: 2,
		});
		expect(event.confirm.targets.map(t => t.pid)).toEqual([12]);
	});

	test('stop and resume are reported, and the stopped are remembered for the reminder at quit', () => {
		const {followUps, states} = world({10: 'S'});
		followUps.watch({targets: [target(10)], signal: 'SIGSTOP'});
		states.set(10, 'T');
		expect(followUps.poll()).toEqual([{type: 'say', text: '10 p10 stopped (SIGSTOP); send SIGCONT with k to resume'}]);
		expect(followUps.stillStopped().map(t => t.pid)).toEqual([10]);
		followUps.watch({targets: [target(10)], signal: 'SIGCONT'});
		states.set(10, 'S');
		expect(followUps.poll()).toEqual([{type: 'say', text: '10 p10 resumed (SIGCONT)'}]);
		expect(followUps.stillStopped()).toEqual([]);
	});

	test('a killed command that reappears under a new pid is a restart; an unrelated one is not', () => {
		const {followUps, states, advance} = world({10: 'S'});
		followUps.watch({targets: [target(10, 'daemon', '/usr/sbin/daemon --serve')], signal: 'SIGTERM'});
		states.delete(10);
		advance(100);
		followUps.poll();
		expect(
			followUps.restarts([
				{key: '11:5', pid: 11, name: 'daemon', command: '/usr/sbin/daemon --serve'},
				{key: '12:5', pid: 12, name: 'x', command: '/bin/x'},
			]),
		).toEqual([{key: '11:5', text: '11 daemon restarted (same command as 10, which was killed)'}]);
	});

	test('signals with no visible effect are not followed', () => {
		const {followUps} = world({10: 'S'});
		followUps.watch({targets: [target(10)], signal: 'SIGUSR1'});
		expect(followUps.active()).toBe(false);
	});
});
