import { spawnSync } from 'node:child_process';

/** Makes a named pipe at `path` with the system's mkfifo (Node has no API for it). */
export async function mkfifo(path: string): Promise<void> {
  const r = spawnSync('mkfifo', [path]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr.toString()}`);
}
