// Checks a user named on the command line (--user / -u) before anything runs, so a typo is an
// error (exit 2) instead of an empty table. I/O: reads /etc/passwd once (Linux; see platform.ts).

import {readFileSync} from 'node:fs';
import {userInfo} from 'node:os';
import {parsePasswd} from './linux/procfs-parse.js';

/**
 * The user name processes will show for `given` (a name, or a uid as digits), or undefined when
 * no such user exists. A uid without a passwd entry is kept as digits: that is how the table
 * shows such owners.
 */
export function resolveUser(given: string, users: ReadonlyMap<number, string>): string | undefined {
	for (const name of users.values()) if (name === given) return given;
	if (/^\d+$/.test(given)) return users.get(Number(given)) ?? given;
	return undefined;
}

/** resolveUser against this machine's /etc/passwd (Linux; platform.ts takes names as given elsewhere). */
export function lookUpUser(given: string, passwdPath = '/etc/passwd'): string | undefined {
	let users: Map<number, string>;
	try {
		users = parsePasswd(readFileSync(passwdPath, 'utf8'));
	} catch {
		return given; // unreadable passwd: nothing to check against
	}
	// Directory users (LDAP, sssd) are not in /etc/passwd, but the one running proctop is known.
	const self = userInfo();
	if (!users.has(self.uid)) users.set(self.uid, self.username);
	return resolveUser(given, users);
}
