// What an image is and what a container of it runs.
import type { ImageInspect } from '../../../../engine/src/contract/image-types.js';
import { formatBytes } from '../../components/format-bytes.js';

function list(value: unknown): string {
  return Array.isArray(value) && value.length > 0 ? value.join(' ') : '—';
}

export function ImageDetailsSummary({ image }: { image: ImageInspect }) {
  const config = image.Config as {
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Env?: string[] | null;
    WorkingDir?: string;
    ExposedPorts?: Record<string, unknown>;
    User?: string;
  };
  return (
    <dl className="summary" data-testid="image-summary">
      <dt>ID</dt>
      <dd className="mono">{image.Id}</dd>
      <dt>Names</dt>
      <dd>{image.RepoTags.length > 0 ? image.RepoTags.join(', ') : 'none (dangling)'}</dd>
      <dt>Digest</dt>
      <dd className="mono">{image.Digest}</dd>
      <dt>Size</dt>
      <dd>{formatBytes(image.Size)}</dd>
      <dt>Created</dt>
      <dd>{image.Created || 'unknown'}</dd>
      <dt>Platform</dt>
      <dd>{[image.Os, image.Architecture, image.Variant].filter(Boolean).join('/')}</dd>
      <dt>Layers</dt>
      <dd>{image.RootFS.Layers.length}</dd>
      <dt>Entrypoint</dt>
      <dd className="mono">{list(config.Entrypoint)}</dd>
      <dt>Command</dt>
      <dd className="mono">{list(config.Cmd)}</dd>
      <dt>Working directory</dt>
      <dd className="mono">{config.WorkingDir || '/'}</dd>
      <dt>Exposed ports</dt>
      <dd>{config.ExposedPorts ? Object.keys(config.ExposedPorts).join(', ') : '—'}</dd>
      <dt>Environment</dt>
      <dd className="mono env">
        {(config.Env ?? []).map((e) => (
          <div key={e}>{e}</div>
        ))}
      </dd>
    </dl>
  );
}
