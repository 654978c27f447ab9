import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project folder (where package.json is), found by walking up from this module, so paths
 * to prisma/ and assets/ hold both when running the TypeScript sources and the bundle in dist/.
 */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(import.meta.dirname);
