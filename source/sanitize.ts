// Makes untrusted process text (names, command lines, user names) safe to print on a terminal.
// Pure: string in, string out. Every control, bidi or invisible character becomes a visible
// ASCII escape, so nothing a local user puts in argv can move the cursor, set the clipboard
// (OSC 52), change the title (OSC 0), reorder columns (U+202E) or break a row (CR/LF).

// C0 controls, DEL, C1 controls (0x9B is a one-byte CSI on some terminals), bidi marks and
// embeddings/isolates, zero-width and line/paragraph separators, BOM. A ZWJ that joins two
// pictographs (family emoji) is legitimate text and kept, so emoji stay one grapheme.
const UNSAFE =
	// biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists single code points to escape; a joiner is matched alone on purpose.
	/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|(?<![\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F])\u200d|\u200d(?!\p{Extended_Pictographic})/gu;

const NAMED: Record<string, string> = {'\t': '\\t', '\n': '\\n', '\r': '\\r', '\u001b': '\\e', '\u0000': '\\0'};

function escapeCharacter(character: string): string {
	const named = NAMED[character];
	if (named) return named;
	const code = character.codePointAt(0)!;
	return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

const ONLY_SPACES = /^ +$/;

/**
 * One safe, single-line string: unsafe characters become visible escapes like `\e`, `\x9b`,
 * `\u{202e}`. A text of nothing but spaces would be an invisible name: its spaces show as `\x20`.
 */
export function sanitize(text: string): string {
	if (ONLY_SPACES.test(text)) return '\\x20'.repeat(text.length);
	// Fast path: most names are plain; test() with a /g regex is stateful, so reset it.
	UNSAFE.lastIndex = 0;
	if (!UNSAFE.test(text)) return text;
	UNSAFE.lastIndex = 0;
	return text.replace(UNSAFE, escapeCharacter);
}

/** Length of the valid UTF-8 sequence starting at `index`, or 0 when that byte starts none. */
function sequenceLength(bytes: Uint8Array, index: number): number {
	const lead = bytes[index]!;
	const continuation = (offset: number, low = 0x80, high = 0xbf) => {
		const byte = bytes[index + offset];
		return byte !== undefined && byte >= low && byte <= high;
	};
	if (lead < 0x80) return 1;
	if (lead >= 0xc2 && lead <= 0xdf) return continuation(1) ? 2 : 0;
	// Second-byte ranges exclude overlong forms and UTF-16 surrogates (RFC 3629, section 4).
	if (lead >= 0xe0 && lead <= 0xef) {
		const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
		return continuation(1, low, high) && continuation(2) ? 3 : 0;
	}
	if (lead >= 0xf0 && lead <= 0xf4) {
		const [low, high] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
		return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
	}
	return 0;
}

/**
 * Decodes UTF-8, writing each byte that is not part of a valid sequence as a visible `\xNN`
 * (instead of U+FFFD, which hides what the bytes were and looks like any other broken name).
 * The result still needs sanitize() for control characters.
 */
export function decodeUtf8(bytes: Uint8Array): string {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const text = buffer.toString('utf8');
	// Fast path: no replacement character means every byte decoded (a real U+FFFD in the input is
	// rare, and the slow path below decodes it correctly too).
	if (!text.includes('\ufffd')) return text;
	let result = '';
	let start = 0;
	let index = 0;
	while (index < buffer.length) {
		const length = sequenceLength(buffer, index);
		if (length > 0) {
			index += length;
			continue;
		}
		result += `${buffer.toString('utf8', start, index)}\\x${buffer[index]!.toString(16).padStart(2, '0')}`;
		index++;
		start = index;
	}
	return result + buffer.toString('utf8', start, index);
}

/** Decodes bytes (invalid UTF-8 shown as `\xNN`) and sanitizes the result. */
export function sanitizeBytes(bytes: Uint8Array): string {
	return sanitize(decodeUtf8(bytes));
}

/**
 * A NUL-separated argv (as in /proc/<pid>/cmdline) as one safe line: arguments joined by
 * spaces, invalid UTF-8 as `\xNN`, controls escaped. Trailing NULs are dropped.
 */
export function sanitizeArgv(bytes: Uint8Array): string {
	let end = bytes.length;
	while (end > 0 && bytes[end - 1] === 0) end--;
	const text = decodeUtf8(bytes.subarray(0, end));
	return sanitize(text.replaceAll('\u0000', ' '));
}

/** Decodes a multi-line text (as /proc/<pid>/cgroup) and sanitizes each line, keeping the line breaks. */
export function sanitizeLines(bytes: Uint8Array): string {
	return decodeUtf8(bytes).split('\n').map(sanitize).join('\n');
}
