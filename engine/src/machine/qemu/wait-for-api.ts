// The last part of a machine start: from a running QEMU to the engine's API answering on the
// host's forwarded socket. The ssh forwarder is launched once the guest's init says sshd runs (on
// the serial console), not before: a connection made while the guest's network is still down sits
// in QEMU's user network stack resending its SYN for seconds, and each `ssh` is a process on a
// host that the VM's CPUs already keep busy. An image whose init writes no such line (made before
// it did) gets a try every few seconds instead. The forwarder's socket appears once SSH has logged
// in; /_ping then goes through it until the service in the guest answers.
import { existsSync } from 'node:fs';
import type { MachineRunState, TrackedProcess } from '../machine-config.js';
import type { MachineRecord } from '../machine-store.js';
import { isAlive } from '../tracked-process.js';
import { apiAnswers, startApiForwarder } from './api-forward.js';
import { ConsoleWatch, SSHD_STARTED_LINE } from './console-watch.js';

const POLL_MS = 100;
/** A failed ssh (sshd not listening yet) is tried again after this long. */
const RELAUNCH_MS = 250;
/** Without the init's line, how often to try SSH anyway. */
const UNANNOUNCED_RETRY_MS = 3_000;

export interface ApiWaitHooks {
  /** Throws (and stops the machine) when QEMU has exited or the start's time is up. */
  checkBooting(waitingFor: string): Promise<void>;
  /** Records a newly launched forwarder in the machine's run state. */
  forwarderStarted(forwarder: TrackedProcess): void;
  progress(message: string): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitForForwardedApi(
  ssh: string,
  machine: MachineRecord,
  state: MachineRunState,
  sshPort: number,
  hooks: ApiWaitHooks,
): Promise<void> {
  const consoleLog = new ConsoleWatch(machine.paths.consoleLog);
  const socket = machine.paths.apiSocket;
  let lastLaunch = 0;
  let loggedIn = false;
  hooks.progress(`Waiting for SSH on 127.0.0.1:${sshPort}`);
  for (;;) {
    await hooks.checkBooting(loggedIn ? 'API answer through the forwarded socket' : 'SSH answer');
    const sinceLaunch = Date.now() - lastLaunch;
    if (!isAlive(state.forwarder)) {
      // The forwarder ends when sshd refused it (not listening yet) or, later, restarted.
      if (
        loggedIn ||
        sinceLaunch >= (consoleLog.has(SSHD_STARTED_LINE) ? RELAUNCH_MS : UNANNOUNCED_RETRY_MS)
      ) {
        // An ssh refused at once comes back undefined: tried again after RELAUNCH_MS.
        state.forwarder = startApiForwarder(ssh, machine, sshPort);
        if (state.forwarder) hooks.forwarderStarted(state.forwarder);
        lastLaunch = Date.now();
      }
    } else if (existsSync(socket)) {
      if (!loggedIn) hooks.progress(`Waiting for the API on ${socket}`);
      loggedIn = true;
      if (await apiAnswers(socket)) return;
    }
    await sleep(POLL_MS);
  }
}
