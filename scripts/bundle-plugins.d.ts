import type {Plugin} from 'esbuild';

export const LAZY_SEGMENTER: string;
export const COLUMN_LAYOUT: string;
export function bundlePlugins(): Plugin[];
