// Bench helper: btop as the bench runs it (Debian package `btop`): a private config directory
// with `update_ms = 1000`, so it refreshes as often as proctop and htop -d 10, and a UTF-8 locale.
import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export const hasBtop = existsSync('/usr/bin/btop');

/** The environment btop runs with: XDG_CONFIG_HOME pointing at a fresh btop.conf. */
export function btopEnv() {
	const home = mkdtempSync(join(tmpdir(), 'proctop-bench-btop-'));
	mkdirSync(join(home, 'btop'));
	writeFileSync(join(home, 'btop', 'btop.conf'), 'update_ms = 1000\n');
	return {XDG_CONFIG_HOME: home, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8'};
}

/** btop's first full frame: the memory box and at least five rows in its process box. */
export const btopReady = text => text.includes('Total:') && (text.match(/│\s+\d+ \S+/g) ?? []).length >= 5;
