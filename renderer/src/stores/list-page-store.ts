// The UI state every list page keeps (zustand): its search, the dialog open on it, the rows
// selected for bulk actions, what the last failed action said, and which rows an action is
// working on. Each page makes its own store with its own dialogs.
import { create } from 'zustand';
import { selectionState, type SelectionState } from '../components/selection.js';

export interface ListPageState<Dialog> extends SelectionState {
  search: string;
  dialog: Dialog | undefined;
  /** What the last failed action said, until dismissed or the next action. */
  actionError: string | undefined;
  /** Rows an action is under way on: their buttons wait. */
  busy: ReadonlySet<string>;
  setSearch(search: string): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  setActionError(message: string | undefined): void;
  setBusy(ids: readonly string[], busy: boolean): void;
}

export function listPageState<Dialog>(
  set: (update: (state: ListPageState<Dialog>) => Partial<ListPageState<Dialog>>) => void,
): ListPageState<Dialog> {
  return {
    ...selectionState(set as never),
    search: '',
    dialog: undefined,
    actionError: undefined,
    busy: new Set(),
    setSearch: (search) => set(() => ({ search })),
    openDialog: (dialog) => set(() => ({ dialog })),
    closeDialog: () => set(() => ({ dialog: undefined })),
    setActionError: (actionError) => set(() => ({ actionError })),
    setBusy: (ids, busy) =>
      set((state) => {
        const next = new Set(state.busy);
        for (const id of ids) {
          if (busy) next.add(id);
          else next.delete(id);
        }
        return { busy: next };
      }),
  };
}

export function createListPageStore<Dialog>() {
  const store = create<ListPageState<Dialog>>()((set) => listPageState<Dialog>((update) => set(update)));
  const initial = store.getState();
  return Object.assign(store, {
    /** Back to the initial state (tests, between renders). */
    reset: () => store.setState({ ...initial, selected: new Set(), busy: new Set() }, true),
  });
}
