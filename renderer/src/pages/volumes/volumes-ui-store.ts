// UI state of the volumes page: the search, and which dialog is open.
import { create } from 'zustand';

export type VolumeDialog =
  | { kind: 'create' }
  | { kind: 'inspect'; name: string }
  | { kind: 'delete'; name: string }
  | { kind: 'prune' };

interface VolumesUiState {
  search: string;
  dialog: VolumeDialog | undefined;
  setSearch(search: string): void;
  openDialog(dialog: VolumeDialog): void;
  closeDialog(): void;
}

export const useVolumesUiStore = create<VolumesUiState>()((set) => ({
  search: '',
  dialog: undefined,
  setSearch: (search) => set({ search }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: undefined }),
}));
