import type {Plugin} from 'esbuild';

export const COLUMN_LAYOUT: string;
export function bundlePlugins(): Plugin[];
