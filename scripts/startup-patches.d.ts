// Types for scripts/startup-patches.js (a plain-JS build script, imported by its test).
export type StartupPatch = {name: string; path: string; apply(source: string, path: string): string};
export const ONE_CELL_CLASS: string;
export const STARTUP_PATCHES: readonly StartupPatch[];
