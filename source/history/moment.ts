// Pure: a moment as a person types it (`--at`, the J prompt) → ms since the epoch. An ISO 8601
// date and time; a time of day HH:MM[:SS] (on the day the remembered ticks start, or the next
// day when that time of day has already passed by then); or an offset from the first tick,
// `+90s`, `+5m`, `+1h30m`, `+90` (seconds).

const UNITS: Record<string, number> = {h: 3_600_000, m: 60_000, s: 1000};

export function parseMoment(text: string, startMs: number): number | undefined {
	const trimmed = text.trim();
	const offset = /^\+(?:(\d+(?:\.\d+)?)|((?:\d+(?:\.\d+)?[hms])+))$/.exec(trimmed);
	if (offset) {
		if (offset[1] !== undefined) return startMs + Number(offset[1]) * 1000;
		let ms = 0;
		for (const [, amount, unit] of offset[2]!.matchAll(/(\d+(?:\.\d+)?)([hms])/g)) ms += Number(amount) * UNITS[unit!]!;
		return startMs + ms;
	}
	const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(trimmed);
	if (clock) {
		const [hours, minutes, seconds] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
		if (hours > 23 || minutes > 59 || seconds >= 60) return undefined;
		const day = new Date(startMs);
		day.setHours(hours, minutes, 0, 0);
		let ms = day.getTime() + seconds * 1000;
		if (ms < startMs - 1000) ms += 24 * 3_600_000;
		return ms;
	}
	if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
		const ms = Date.parse(trimmed);
		return Number.isNaN(ms) ? undefined : ms;
	}
	return undefined;
}

export const MOMENT_FORMS = 'an ISO 8601 time (2026-11-29T16:04:12), a time of day (16:04:12) or an offset from the start (+90s, +5m, +1h30m)';
