import type {Plugin} from 'esbuild';

export function bundlePlugins(): Plugin[];
