/**
 * A pid lock file for a data directory: one process owns the store (as the API server owns
 * etcd's data here). A lock left by a process that died (kill -9) is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { StoreLockedError } from './errors.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Lock {
  release(): void;
}

export function acquireLock(file: string): Lock {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return {
        release: () => {
          let owner = '';
          try {
            owner = readFileSync(file, 'utf8').trim();
          } catch {
            return; // already gone (e.g. the directory was removed)
          }
          if (owner === String(process.pid)) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let pid = NaN;
    try {
      pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    } catch {
      continue; // removed meanwhile: try again
    }
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new StoreLockedError(file, pid);
    rmSync(file, { force: true });
  }
  throw new StoreLockedError(file, NaN);
}
