// Where one container's runtime files live. The bundle (config.json, log, conmon's socket and
// fifo, the persisted exit code) sits under graphRoot so that logs survive a reboot; the files
// that only make sense while the machine is up (exit files, /etc files, runc state) sit under
// runRoot, which a reboot clears.
import path from 'node:path';

export interface ContainerRuntimePaths {
  bundleDir: string;
  configPath: string;
  /** The container's init PID, written by runc. */
  pidFile: string;
  /** The PID of the conmon that monitors the container. */
  conmonPidFile: string;
  logPath: string;
  /** conmon's SOCK_SEQPACKET attach socket (with --full-attach it is inside the bundle). */
  attachSocket: string;
  /** conmon's control fifo: `1 rows cols` resizes, `2 0 0` reopens the log. */
  ctlFifo: string;
  /** conmon's --persist-dir copy of the exit code. */
  persistExitFile: string;
  /** Shared by all containers of the store: conmon writes `<exitDir>/<id>`. */
  exitDir: string;
  exitFile: string;
  /** /etc/hosts, /etc/resolv.conf and /etc/hostname of the container. */
  runDir: string;
  /** conmon requires a socket dir even though --full-attach does not use it. */
  socketDir: string;
}

export function containerRuntimePaths(
  store: { graphRoot: string; runRoot: string },
  id: string,
): ContainerRuntimePaths {
  const bundleDir = path.join(store.graphRoot, 'containers', id, 'userdata');
  const exitDir = path.join(store.runRoot, 'exits');
  return {
    bundleDir,
    configPath: path.join(bundleDir, 'config.json'),
    pidFile: path.join(bundleDir, 'pidfile'),
    conmonPidFile: path.join(bundleDir, 'conmon.pid'),
    logPath: path.join(bundleDir, 'ctr.log'),
    attachSocket: path.join(bundleDir, 'attach'),
    ctlFifo: path.join(bundleDir, 'ctl'),
    persistExitFile: path.join(bundleDir, 'exit'),
    exitDir,
    exitFile: path.join(exitDir, id),
    runDir: path.join(store.runRoot, 'containers', id),
    socketDir: path.join(store.runRoot, 'socket'),
  };
}
