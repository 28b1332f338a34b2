// One layer's files: what it adds, modifies and removes (whiteouts, and what an opaque directory
// hides), with types and sizes, filtered by path and by change. Layers can hold tens of thousands
// of files: the rows are virtualized (ListTable over VirtualList) and the filter works on the
// list the engine sent once.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { LayerFileEntry, LayerFileKind } from '../../../../engine/src/contract/image-types.js';
import { useEngine } from '../../api/engine-context.js';
import { imageKeys } from '../../api/image-cache.js';
import { formatBytes } from '../../components/format-bytes.js';
import { ListTable } from '../../components/ListTable.js';
import { countOf, ListToolbar, matchWords } from '../../components/ListToolbar.js';

const KIND_LABELS: Record<LayerFileKind, string> = {
  added: 'Added',
  modified: 'Modified',
  removed: 'Removed',
  opaque: 'Opaque',
};
const KINDS = Object.keys(KIND_LABELS) as LayerFileKind[];

function kindCounts(entries: readonly LayerFileEntry[]): Record<LayerFileKind, number> {
  const counts: Record<LayerFileKind, number> = { added: 0, modified: 0, removed: 0, opaque: 0 };
  for (const entry of entries) counts[entry.kind]++;
  return counts;
}

function LayerFileRow({ entry }: { entry: LayerFileEntry }) {
  return (
    <>
      <div role="cell" className="cell cell-change">
        <span className={`change change-${entry.kind}`}>{KIND_LABELS[entry.kind]}</span>
      </div>
      <div role="cell" className="cell cell-path mono" title={entry.path}>
        {entry.path}
        {entry.linkTarget !== undefined ? <span className="muted"> → {entry.linkTarget}</span> : null}
      </div>
      <div role="cell" className="cell cell-type">
        {entry.type}
      </div>
      <div role="cell" className="cell cell-size">
        {entry.type === 'file' ? formatBytes(entry.size) : ''}
      </div>
    </>
  );
}

export function LayerFilesList({ imageId, layer }: { imageId: string; layer: number }) {
  const engine = useEngine();
  const files = useQuery({
    queryKey: imageKeys.layerFiles(imageId, layer),
    queryFn: () => engine.call('images.layerFiles', { image: imageId, layer }),
    staleTime: Infinity,
  });
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<LayerFileKind | 'all'>('all');
  const entries = useMemo(() => files.data?.entries ?? [], [files.data]);
  const counts = useMemo(() => kindCounts(entries), [entries]);
  const shown = useMemo(
    () =>
      matchWords(kind === 'all' ? entries : entries.filter((e) => e.kind === kind), search, (e) => e.path),
    [entries, kind, search],
  );
  const summary = KINDS.filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${KIND_LABELS[k].toLowerCase()}`)
    .join(' · ');
  return (
    <section className="layer-files" aria-label={`Files of layer ${layer}`}>
      <ListToolbar
        search={search}
        onSearch={setSearch}
        searchLabel="Filter files"
        placeholder="Filter by path"
        shown={shown.length}
        total={entries.length}
        totalText={`${countOf(entries.length, 'entry', 'entries')}${summary ? ` · ${summary}` : ''}`}
        filtered={kind !== 'all'}
        filters={
          <select
            aria-label="Change"
            value={kind}
            onChange={(e) => setKind(e.target.value as LayerFileKind | 'all')}
          >
            <option value="all">All changes</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]} ({counts[k]})
              </option>
            ))}
          </select>
        }
      />
      {files.data?.truncated ? (
        <p className="muted hint" role="note">
          The layer has more entries than one answer carries: the first {entries.length} are listed.
        </p>
      ) : null}
      <ListTable
        label="Layer files"
        className="layer-files-table"
        columns={[
          { id: 'change', header: 'Change' },
          { id: 'path', header: 'Path' },
          { id: 'type', header: 'Type' },
          { id: 'size', header: 'Size' },
        ]}
        query={files}
        total={entries.length}
        shown={shown}
        getKey={(e) => `${e.kind} ${e.path}`}
        renderRow={(e) => <LayerFileRow entry={e} />}
        empty={<p>This layer has no files.</p>}
        noMatch={`No file of this layer matches “${search}”.`}
        rowHeight={30}
      />
    </section>
  );
}
