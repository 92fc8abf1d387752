// Types for v8-flags.cjs (plain CommonJS, so the launcher can load it on any Node).
export declare const V8_FLAGS: readonly string[];
export declare function applyV8Flags(setFlagsFromString: (flag: string) => void): void;
