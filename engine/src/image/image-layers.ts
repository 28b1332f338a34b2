// An image's layers, bottom first, each with the history step that made it: the config's history
// entries that are not `empty_layer` are the layers' steps, in order (as image-history.ts pairs
// them for the History tab, so both tabs name a layer's step alike).
import type { ImageLayer } from '../contract/image-types.js';
import { parseConfigJson } from './image-inspect.js';
import type { ImageRecord } from './image-records.js';
import type { LayerStore } from './layer-store.js';

export function imageLayers(record: ImageRecord, layers: LayerStore): ImageLayer[] {
  const config = parseConfigJson(record.config);
  const steps = (config.history ?? []).filter((entry) => !entry.empty_layer);
  return record.diffIds.map((diffId, index) => {
    const step = steps[index];
    return {
      index,
      diffId,
      size: layers.info(diffId)?.size ?? 0,
      createdBy: step?.created_by ?? '',
      created: step?.created ?? '',
      comment: step?.comment ?? '',
    };
  });
}
