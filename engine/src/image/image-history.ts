// `history`: the config's history, newest first, each entry with the layer it made (if any), its
// size, and the ID of a local image whose top layer is that point of the stack (else <missing>),
// as podman shows it.
import type { StateDatabase } from '../state/state-database.js';
import { parseConfigJson } from './image-inspect.js';
import { listImageRecords, type ImageRecord } from './image-records.js';
import { chainIds } from './layer-chain.js';
import type { LayerStore } from './layer-store.js';

export interface HistoryRow {
  /** Full image ID, or `<missing>`. */
  id: string;
  /** RFC 3339, '' when unknown. */
  created: string;
  createdBy: string;
  /** Bytes of the layer this step made; 0 for steps without a layer. */
  size: number;
  comment: string;
  /** Names of the image with that ID, when it is a local image. */
  tags: string[] | null;
}

export function imageHistory(db: StateDatabase, record: ImageRecord, layers: LayerStore): HistoryRow[] {
  const config = parseConfigJson(record.config);
  const chains = chainIds(record.diffIds);
  const images = listImageRecords(db);
  const rows: HistoryRow[] = [];
  let layerIndex = 0;
  const history = config.history?.length
    ? config.history
    : record.diffIds.map(
        () => ({}) as { empty_layer?: boolean; created?: string; created_by?: string; comment?: string },
      );
  for (const entry of history) {
    let size = 0;
    let chain: string | undefined;
    if (!entry.empty_layer && layerIndex < record.diffIds.length) {
      size = layers.info(record.diffIds[layerIndex]!)?.size ?? 0;
      chain = chains[layerIndex];
      layerIndex++;
    }
    rows.push({
      id: '<missing>',
      created: entry.created ?? '',
      createdBy: entry.created_by ?? '',
      size,
      comment: entry.comment ?? '',
      tags: null,
      chain,
    } as HistoryRow & { chain?: string });
  }
  rows.reverse();
  // The newest step is the image itself; older steps are other local images that stop there.
  if (rows[0]) {
    rows[0].id = record.id;
    rows[0].tags = record.names.length > 0 ? record.names : null;
  }
  for (const row of rows.slice(1) as (HistoryRow & { chain?: string })[]) {
    if (!row.chain) continue;
    const match = images.find((i) => i.topLayer === row.chain && i.id !== record.id);
    if (match) {
      row.id = match.id;
      row.tags = match.names.length > 0 ? match.names : null;
    }
  }
  return rows.map(({ id, created, createdBy, size, comment, tags }) => ({
    id,
    created,
    createdBy,
    size,
    comment,
    tags,
  }));
}
