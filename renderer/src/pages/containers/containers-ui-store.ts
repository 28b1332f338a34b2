// UI state of the containers page: a list page's (search, selection for bulk actions, the open
// dialog, the last failed action, busy rows), its state filter, and grouping by pod.
import { create } from 'zustand';
import { listPageState, type ListPageState } from '../../stores/list-page-store.js';

export type StateFilter = 'all' | 'running' | 'paused' | 'exited' | 'created';

export type ContainerDialog = { kind: 'delete'; ids: string[]; labels: string[] } | { kind: 'prune' };

interface ContainersUiState extends ListPageState<ContainerDialog> {
  stateFilter: StateFilter;
  /** Rows of one pod together under the pod's name. */
  groupByPod: boolean;
  setStateFilter(filter: StateFilter): void;
  setGroupByPod(group: boolean): void;
}

export const useContainersUiStore = create<ContainersUiState>()((set) => ({
  ...listPageState<ContainerDialog>((update) => set(update)),
  stateFilter: 'all',
  groupByPod: false,
  setStateFilter: (stateFilter) => set({ stateFilter }),
  setGroupByPod: (groupByPod) => set({ groupByPod }),
}));

const initial = useContainersUiStore.getState();

export function resetContainersUiStore(): void {
  useContainersUiStore.setState({ ...initial, selected: new Set(), busy: new Set() }, true);
}
