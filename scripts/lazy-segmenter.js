// Bundle-time stand-in for Intl.Segmenter (scripts/bundle-plugins.js puts it in place of every
// `Intl.Segmenter` in the bundle): it builds the real segmenter on its first segment() call.
// Why: three of Ink's dependencies (@alcalzone/ansi-tokenize, slice-ansi, wrap-ansi's own
// string-width) build one when their module loads. The first costs ~13 ms and maps 2.6 MB of
// ICU's break-iteration data (measured in a bare node), and proctop's frames are made of text
// that never needs one (direct rows; the fast paths of string-width and source/model/format.ts).
// Pure: no I/O; the real constructor is looked up when first needed, never at load.

export class ProctopLazySegmenter {
	#options;
	#real;

	constructor(...options) {
		this.#options = options;
	}

	/** The real segmenter, built now if this is the first call that needs it. */
	#segmenter() {
		// globalThis.Intl, not Intl: the bundle's define rewrites `Intl.Segmenter` itself to this class.
		this.#real ??= new globalThis.Intl.Segmenter(...this.#options);
		return this.#real;
	}

	segment(text) {
		return this.#segmenter().segment(text);
	}

	resolvedOptions() {
		return this.#segmenter().resolvedOptions();
	}

	/** Whether the real segmenter exists yet (for the tests). */
	get built() {
		return this.#real !== undefined;
	}
}
