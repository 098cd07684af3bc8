import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * For the crash tests: starts `script` in a child process, waits for it to print `ready`, SIGKILLs it `killAfterMs`
 * later, and returns the whole lines it printed after `ready` (the last one may have been cut by the kill).
 */
export function runThenKill(script: string, args: string[], killAfterMs: number): Promise<string[]> {
  // The same Node as this test (Node 24 under npm scripts), whatever `node` is first on PATH.
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!timer && output.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`${script} exited by itself (${code}): ${errors}`));
      const lines = output.split('\n').slice(0, -1);
      resolve(lines.filter((line) => line !== 'ready'));
    });
  });
}
