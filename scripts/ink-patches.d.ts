// Types for scripts/ink-patches.js (a plain-JS build script, imported by its test).
export type InkPatch = {name: string; file: RegExp; apply(source: string, path: string): string};
export const INK_PATCHES: readonly InkPatch[];
export function inkPatchFor(path: string): InkPatch | undefined;
