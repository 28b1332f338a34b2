// `berth unshare [COMMAND [ARG...]]`: a shell (or the command) inside the rootless user and mount
// namespace, where the user is root and the store's mounts are visible, as `podman unshare`. The
// CLI entry already moved this process into the namespace (rootless/rootless-reexec.ts); this
// only runs the command there with the store's paths in the environment.
import { spawn } from 'node:child_process';
import os from 'node:os';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { resolveStorePaths } from '../../../config/store-paths.js';
import { inRootlessNamespace } from '../../../rootless/rootless-env.js';

const command: CommandModule = {
  usage: '[options] [COMMAND [ARG...]]',
  description: 'Run a command in a modified user namespace',
  interspersed: false,
  async run(ctx) {
    if (!inRootlessNamespace())
      throw new CliError('please use unshare with rootless: as root there is no user namespace to enter');
    const paths = resolveStorePaths(ctx.global);
    const argv = ctx.args.length > 0 ? ctx.args : [process.env.SHELL || '/bin/sh'];
    const child = spawn(argv[0]!, argv.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, BERTH_GRAPHROOT: paths.graphRoot, BERTH_RUNROOT: paths.runRoot },
    });
    return new Promise<number>((resolve) => {
      child.on('error', (error) => {
        ctx.stderr.write(`Error: running ${argv[0]} in the rootless namespace: ${error.message}\n`);
        resolve(127);
      });
      child.on('exit', (code, signal) =>
        resolve(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0)),
      );
    });
  },
};
export default command;
