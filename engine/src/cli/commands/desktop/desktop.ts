// `berth desktop`: starts Berth Desktop. Where no Electron binary or display is available (a
// server, CI, this kind of machine) it serves the same app in web mode on 127.0.0.1.
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { findRendererDir } from '../../../desktop-web/renderer-location.js';
import { startWebMode } from '../../../desktop-web/web-mode-server.js';
import { openDesktopBackend } from '../../../service/desktop-backend.js';

const command: CommandModule = {
  usage: '[options]',
  description:
    'Start Berth Desktop. With --web (or where Electron or a display is missing) serve it on 127.0.0.1 for a browser, guarded by a random token in the printed URL.',
  flags: [
    { name: 'web', type: 'bool', help: 'Serve the desktop app for a browser instead of opening a window' },
    { name: 'port', short: 'p', type: 'int', default: 0, help: 'Port for web mode (0 picks a free one)' },
  ],
  args: { max: 0 },
  async run(ctx) {
    const rendererDir = findRendererDir();
    if (!rendererDir)
      throw new CliError('the desktop app is not built: run `npm run build` in the Berth checkout');
    const port = ctx.flags.int('port') ?? 0;
    if (port < 0 || port > 65535)
      throw new CliError(`invalid port ${port}: use 1-65535, or 0 for a free one`);
    if (!ctx.flags.bool('web')) {
      ctx.stderr.write('Electron is not available here: starting Berth Desktop in web mode\n');
    }
    // --connection/--url (or CONTAINER_CONNECTION) point the app at a remote service; else the
    // engine last chosen in the app. The app can switch engines while it runs (Settings).
    const backend = openDesktopBackend({
      choice: ctx.global,
      local: { root: ctx.global.root, runroot: ctx.global.runroot, runtime: ctx.global.runtime },
    });
    const { notes } = await backend.start();
    for (const note of notes) ctx.stderr.write(`Berth Desktop: ${note}\n`);
    const location = backend.connection.location;
    const server = await startWebMode({ engine: backend.service, rendererDir, port });
    if (location !== 'local') ctx.stderr.write(`Berth Desktop is using the remote engine ${location}\n`);
    ctx.stdout.write(`Berth Desktop (web mode) is at ${server.url}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await backend.close();
  },
};
export default command;
