// UI state of the pods page: a list page's search, selection, dialog, action error and busy rows.
import { createListPageStore } from '../../stores/list-page-store.js';

export type PodDialog =
  { kind: 'create' } | { kind: 'play' } | { kind: 'delete'; ids: string[]; labels: string[] };

export const usePodsUiStore = createListPageStore<PodDialog>();
