// UI state of the images page: a list page's search, and which dialog is open on which image.
import { createListPageStore } from '../../stores/list-page-store.js';

export type ImageDialog =
  | { kind: 'pull'; taskId?: string }
  | { kind: 'build'; taskId?: string }
  | { kind: 'tag'; imageId: string; ref: string }
  /** `name`: the destination the form starts with (the image's name, '' when it has none). */
  | { kind: 'push'; imageId: string; name: string; taskId?: string }
  | { kind: 'delete'; imageId: string; ref: string; label: string }
  | { kind: 'prune' };

export const useImagesUiStore = createListPageStore<ImageDialog>();
