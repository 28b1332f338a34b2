// Which engine the app's calls go to, as the desktop host says (connections.watch), and how many
// times that changed while this page was open: live updates and views that follow streams
// reopen when `changes` moves. Undefined until the host answers (or when it has no such stream:
// then the app simply never switches).
import { create } from 'zustand';
import type { EngineConnectionState } from '../../../engine/src/contract/connection-types.js';

interface EngineConnectionStore {
  current: EngineConnectionState | undefined;
  changes: number;
}

export const useEngineConnectionStore = create<EngineConnectionStore>()(() => ({
  current: undefined,
  changes: 0,
}));

export function resetEngineConnectionStore(): void {
  useEngineConnectionStore.setState({ current: undefined, changes: 0 });
}
