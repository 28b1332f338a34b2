// Builds the machine image once per change of its inputs (build/machine-image/build-image.sh
// keys its cache by a hash of the recipe and of dist/cli) and returns the image folder. The cache
// is the user's (~/.cache/berth/machine-image) so CI keeps it between runs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'build',
  'machine-image',
  'build-image.sh',
);

export function buildMachineImage(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(SCRIPT, [], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const dir = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && dir) resolve(dir);
      else reject(new Error(`build-image.sh failed (exit ${code}):\n${stderr.slice(-4000)}`));
    });
  });
}
