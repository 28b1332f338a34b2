// Attaches that arrived before their container started. `docker run` attaches first and starts
// second; conmon keeps no backlog, so the attach socket must be connected after the runtime
// created the container and before its process runs: the start route hands these connectors to
// startContainer's beforeStart hook (as `berth run` does for itself).
import type { ContainerPaths } from '../container/container-paths.js';
import type { StartOptions } from '../container/container-start.js';

export interface PendingAttach {
  /** The client holds stdin: its end is the container's end of input. */
  stdin: boolean;
  connect(paths: ContainerPaths): Promise<void>;
}

export class PendingAttaches {
  private readonly byContainer = new Map<string, Set<PendingAttach>>();

  /** Registers an attach waiting for `containerId` to start; returns its removal. */
  add(containerId: string, attach: PendingAttach): () => void {
    let set = this.byContainer.get(containerId);
    if (!set) this.byContainer.set(containerId, (set = new Set()));
    set.add(attach);
    return () => {
      set.delete(attach);
      if (set.size === 0 && this.byContainer.get(containerId) === set) this.byContainer.delete(containerId);
    };
  }

  /** Start options that connect every waiting attach of the container before its process runs. */
  startOptions(containerId: string): StartOptions {
    const waiting = [...(this.byContainer.get(containerId) ?? [])];
    this.byContainer.delete(containerId);
    if (waiting.length === 0) return {};
    return {
      stdinAttached: waiting.some((a) => a.stdin),
      beforeStart: async (_record, paths) => {
        await Promise.all(waiting.map((a) => a.connect(paths)));
      },
    };
  }
}
