// UI state of the images page: the search, and which dialog is open on which image.
import { create } from 'zustand';

export type ImageDialog =
  | { kind: 'pull'; taskId?: string }
  | { kind: 'tag'; imageId: string; ref: string }
  | { kind: 'delete'; imageId: string; ref: string; label: string }
  | { kind: 'prune' };

interface ImagesUiState {
  search: string;
  dialog: ImageDialog | undefined;
  setSearch(search: string): void;
  openDialog(dialog: ImageDialog): void;
  closeDialog(): void;
}

export const useImagesUiStore = create<ImagesUiState>()((set) => ({
  search: '',
  dialog: undefined,
  setSearch: (search) => set({ search }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: undefined }),
}));
