// `npm start`: Berth Desktop in an Electron window where Electron's binary and a display exist;
// otherwise (servers, CI, machines where Electron cannot be downloaded) the same app in web mode.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronBinary;
try {
  electronBinary = require('electron'); // the package exports the binary's path
} catch {
  electronBinary = undefined;
}
const hasDisplay =
  Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform !== 'linux';
const args = process.argv.slice(2);
const useElectron =
  typeof electronBinary === 'string' && existsSync(electronBinary) && hasDisplay && !args.includes('--web');

const child = useElectron
  ? spawn(electronBinary, ['.'], { stdio: 'inherit' })
  : spawn(process.execPath, ['bin/berth.js', 'desktop', '--web', ...args.filter((a) => a !== '--web')], {
      stdio: 'inherit',
    });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
