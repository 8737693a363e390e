import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where `vite build` put the dashboard: the nearest `web/dist/index.html` above this file. Walking
 * up works from both the sources (apps/api/src/web) and the build (dist/apps/api/src/web).
 */
export function findWebDist(start: string = __dirname): string | null {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
