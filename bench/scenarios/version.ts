// Start-up cost of the CLI: `berth version` against `podman version` and a bare `node -e 0`
// (Node's own start-up is the floor of any Node CLI). Target: at most 1.3x bare Node.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../scenario.js';

const BERTH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'berth.js');

const scenario: Scenario = {
  name: 'version',
  description: 'print the version (CLI start-up)',
  subjects: [
    { name: 'berth', command: [process.execPath, BERTH, 'version'] },
    { name: 'podman', command: ['podman', 'version'] },
    { name: 'node', command: [process.execPath, '-e', '0'] },
  ],
  targets: [{ against: 'node', maxRatio: 1.3 }],
};
export default scenario;
