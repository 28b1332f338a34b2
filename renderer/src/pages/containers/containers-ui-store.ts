// UI state of the containers page: search, state filter, the selection for bulk actions, the
// open dialog, and the outcome of the last action that failed.
import { create } from 'zustand';

export type StateFilter = 'all' | 'running' | 'paused' | 'exited' | 'created';

export type ContainerDialog = { kind: 'delete'; ids: string[]; labels: string[] } | { kind: 'prune' };

interface ContainersUiState {
  search: string;
  stateFilter: StateFilter;
  selected: ReadonlySet<string>;
  dialog: ContainerDialog | undefined;
  /** What the last failed action said, until dismissed or the next action. */
  actionError: string | undefined;
  /** Containers an action is under way on: their buttons wait. */
  busy: ReadonlySet<string>;
  setSearch(search: string): void;
  setStateFilter(filter: StateFilter): void;
  setSelected(ids: ReadonlySet<string>): void;
  toggleSelected(id: string): void;
  openDialog(dialog: ContainerDialog): void;
  closeDialog(): void;
  setActionError(message: string | undefined): void;
  setBusy(ids: readonly string[], busy: boolean): void;
}

export const useContainersUiStore = create<ContainersUiState>()((set) => ({
  search: '',
  stateFilter: 'all',
  selected: new Set(),
  dialog: undefined,
  actionError: undefined,
  busy: new Set(),
  setSearch: (search) => set({ search }),
  setStateFilter: (stateFilter) => set({ stateFilter }),
  setSelected: (selected) => set({ selected }),
  toggleSelected: (id) =>
    set((state) => {
      const selected = new Set(state.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      return { selected };
    }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: undefined }),
  setActionError: (actionError) => set({ actionError }),
  setBusy: (ids, busy) =>
    set((state) => {
      const next = new Set(state.busy);
      for (const id of ids) {
        if (busy) next.add(id);
        else next.delete(id);
      }
      return { busy: next };
    }),
}));

export function resetContainersUiStore(): void {
  useContainersUiStore.setState({
    search: '',
    stateFilter: 'all',
    selected: new Set(),
    dialog: undefined,
    actionError: undefined,
    busy: new Set(),
  });
}
