// What happens after a container's process ends, run by the exit command conmon starts
// (`berth container cleanup ID`): the exit is recorded, the runtime record and rootfs mount go,
// and then --rm removes the container or the restart policy starts it again.
import type { Store } from '../state/store.js';
import { log } from '../util/logger.js';
import { containerEvent } from './container-events.js';
import { withContainerLock } from './container-lock.js';
import { getContainerRecord, saveContainerState } from './container-records.js';
import { removeContainerLocked } from './container-remove.js';
import { startContainerLocked } from './container-start.js';
import { finishExit } from './container-stop.js';
import { syncContainer } from './container-sync.js';
import { restartDelayMs, shouldRestart } from './restart-policy.js';

export type ExitOutcome = 'gone' | 'running' | 'cleaned' | 'removed' | 'restarted';

export async function cleanupExitedContainer(store: Store, id: string): Promise<ExitOutcome> {
  const outcome = await withContainerLock(store, id, async (): Promise<ExitOutcome> => {
    const current = getContainerRecord(store.db, id);
    if (!current) return 'gone';
    let record = await syncContainer(store, current);
    if (record.state.status !== 'exited') return record.state.status === 'created' ? 'cleaned' : 'running';
    if (record.state.mountPoint) {
      record = await finishExit(store, record, undefined);
      containerEvent(store, 'cleanup', record);
    }
    if (record.config.autoRemove) {
      await removeContainerLocked(store, record, { force: true, volumes: true });
      return 'removed';
    }
    return shouldRestart(record.config.restartPolicy, {
      exitCode: record.state.exitCode,
      restartCount: record.state.restartCount,
      stoppedByUser: record.state.stoppedByUser,
    })
      ? 'restarted'
      : 'cleaned';
  });
  if (outcome !== 'restarted') return outcome;
  return restartAfterExit(store, id);
}

/** Restarts after the policy's back-off; gives up quietly if a user acted meanwhile. */
async function restartAfterExit(store: Store, id: string): Promise<ExitOutcome> {
  const before = getContainerRecord(store.db, id);
  if (!before) return 'gone';
  await new Promise((r) => setTimeout(r, restartDelayMs(before.state.restartCount)));
  return withContainerLock(store, id, async () => {
    const record = getContainerRecord(store.db, id);
    if (!record) return 'gone';
    if (record.state.status !== 'exited' || record.state.stoppedByUser) return 'cleaned';
    if (record.state.finishedAt !== before.state.finishedAt) return 'cleaned';
    const counted = { ...record.state, restartCount: record.state.restartCount + 1 };
    saveContainerState(store.db, id, counted);
    try {
      const started = await startContainerLocked(store, { ...record, state: counted });
      containerEvent(store, 'restart', started);
      return 'restarted';
    } catch (error) {
      log.warn(`restarting container ${record.name} failed: ${(error as Error).message}`);
      return 'cleaned';
    }
  });
}
