// Makes untrusted process text (names, command lines, user names) safe to print on a terminal.
// Pure: string in, string out. Every control, bidi or invisible character becomes a visible
// ASCII escape, so nothing a local user puts in argv can move the cursor, set the clipboard
// (OSC 52), change the title (OSC 0), reorder columns (U+202E) or break a row (CR/LF).

// C0 controls, DEL, C1 controls (0x9B is a one-byte CSI on some terminals), bidi marks and
// embeddings/isolates, zero-width and line/paragraph separators, BOM. A ZWJ that joins two
// pictographs (family emoji) is legitimate text and kept, so emoji stay one grapheme.
const UNSAFE =
	/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|(?<![\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F])\u200d|\u200d(?!\p{Extended_Pictographic})/gu;

const NAMED: Record<string, string> = {'\t': '\\t', '\n': '\\n', '\r': '\\r', '\u001b': '\\e', '\u0000': '\\0'};

function escapeCharacter(character: string): string {
	const named = NAMED[character];
	if (named) return named;
	const code = character.codePointAt(0)!;
	return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** One safe, single-line string: unsafe characters become visible escapes like `\e`, `\x9b`, `\u{202e}`. */
export function sanitize(text: string): string {
	// Fast path: most names are plain; test() with a /g regex is stateful, so reset it.
	UNSAFE.lastIndex = 0;
	if (!UNSAFE.test(text)) return text;
	UNSAFE.lastIndex = 0;
	return text.replace(UNSAFE, escapeCharacter);
}

/** Decodes bytes as UTF-8 (invalid sequences become U+FFFD) and sanitizes the result. */
export function sanitizeBytes(bytes: Uint8Array): string {
	return sanitize(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
}

/**
 * A NUL-separated argv (as in /proc/<pid>/cmdline) as one safe line: arguments joined by
 * spaces, invalid UTF-8 replaced, controls escaped. Trailing NULs are dropped.
 */
export function sanitizeArgv(bytes: Uint8Array): string {
	let end = bytes.length;
	while (end > 0 && bytes[end - 1] === 0) end--;
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('utf8');
	return sanitize(text.replaceAll('\u0000', ' '));
}
