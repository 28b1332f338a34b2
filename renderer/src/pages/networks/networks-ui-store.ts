// UI state of the networks page: a list page's search and dialog.
import { createListPageStore } from '../../stores/list-page-store.js';

export type NetworkDialog =
  { kind: 'create' } | { kind: 'delete'; name: string; used: number } | { kind: 'prune' };

export const useNetworksUiStore = createListPageStore<NetworkDialog>();
