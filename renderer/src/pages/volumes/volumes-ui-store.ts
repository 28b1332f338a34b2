// UI state of the volumes page: a list page's search and dialog.
import { createListPageStore } from '../../stores/list-page-store.js';

export type VolumeDialog =
  | { kind: 'create' }
  | { kind: 'inspect'; name: string }
  | { kind: 'delete'; name: string }
  | { kind: 'prune' };

export const useVolumesUiStore = createListPageStore<VolumeDialog>();
