// `run-rootless`: `run --rm busybox true` as an unprivileged user (the rootless tests' user,
// made the same way), Berth vs rootless podman, each on a store of its own under one private
// runtime dir, with the same image from a local registry, each on its default rootless network
// (Berth: pasta; podman 4.3: slirp4netns). Both sides pay the same `runuser` start. Berth's figure
// includes its re-exec into the user namespace held by its pause process (podman joins its own
// pause process's namespace in-process). Target: <= 0.6x podman.
import { execFile } from 'node:child_process';
import { chownSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Scenario, Subject } from '../scenario.js';
import { fixtureLayout } from '../../test/fixtures/images/fixture-cache.js';
import { pushFromLayout } from '../../test/fixtures/registry/push-layout.js';
import { startTestRegistry, type TestRegistry } from '../../test/fixtures/registry/test-registry.js';
import {
  ROOTLESS_USER,
  rootlessUser,
  type RootlessUser,
} from '../../test/integration/helpers/rootless-user.js';
import { BERTH_BIN } from '../side-by-side-stores.js';

const run = promisify(execFile);
let registry: TestRegistry | undefined;
let user: RootlessUser | undefined;
const berth: Subject = { name: 'berth', command: [] };
const podman: Subject = { name: 'podman', command: [] };

const scenario: Scenario = {
  name: 'run-rootless',
  description:
    'run --rm busybox true as an unprivileged user (user namespace, rootless network, run, remove)',
  subjects: [berth, podman],
  targets: [{ against: 'podman', maxRatio: 0.6 }],
  async setup() {
    registry = await startTestRegistry();
    await pushFromLayout(registry.url, await fixtureLayout(), 'library/busybox');
    const image = `${registry.host}/library/busybox`;
    user = rootlessUser();
    const asUser = [
      'runuser',
      '-u',
      ROOTLESS_USER,
      '--',
      'env',
      `XDG_RUNTIME_DIR=${user.runtimeDir}`,
      `HOME=${user.base}`,
    ];
    // podman's defaults for this host, as side-by-side-stores.ts gives rootful podman: runc (crun
    // refuses the hybrid cgroup tree), cgroupfs, file events; its own store beside Berth's.
    const conf = path.join(user.base, 'containers.conf');
    writeFileSync(conf, '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n');
    chownSync(conf, user.uid, user.gid);
    const podmanDir = user.ownedDir('podman');
    const podmanArgv = [
      ...asUser,
      `CONTAINERS_CONF=${conf}`,
      'podman',
      '--root',
      `${podmanDir}/root`,
      '--runroot',
      `${podmanDir}/run`,
      '--storage-driver',
      'overlay',
    ];
    const berthArgv = [
      ...asUser,
      process.execPath,
      BERTH_BIN,
      '--root',
      user.root,
      '--runroot',
      user.runroot,
    ];
    const opts = { cwd: user.base, maxBuffer: 1 << 26 };
    await run(berthArgv[0]!, [...berthArgv.slice(1), 'pull', '-q', image], opts);
    await run(podmanArgv[0]!, [...podmanArgv.slice(1), 'pull', '-q', '--tls-verify=false', image], opts);
    berth.command = [...berthArgv, 'run', '--rm', image, 'true'];
    podman.command = [...podmanArgv, 'run', '--rm', image, 'true'];
    // Each side's namespace set-up (pause process) happens once, before the timed runs.
    await run(berthArgv[0]!, [...berthArgv.slice(1), 'run', '--rm', image, 'true'], opts);
    await run(podmanArgv[0]!, [...podmanArgv.slice(1), 'run', '--rm', image, 'true'], opts);
    podmanCleanup = async () => {
      await run(podmanArgv[0]!, [...podmanArgv.slice(1), 'system', 'reset', '-f'], opts).catch(
        () => undefined,
      );
      await run(
        'runuser',
        [
          '-u',
          ROOTLESS_USER,
          '--',
          'env',
          `XDG_RUNTIME_DIR=${user!.runtimeDir}`,
          'podman',
          'system',
          'migrate',
        ],
        opts,
      ).catch(() => undefined);
    };
  },
  async teardown() {
    await podmanCleanup?.();
    await user?.dispose();
    await registry?.stop();
  },
};
let podmanCleanup: (() => Promise<void>) | undefined;
export default scenario;
