// The steps that made an image, newest first, with the size each added.
import { useQuery } from '@tanstack/react-query';
import { useEngine } from '../../api/engine-context.js';
import { imageKeys } from '../../api/image-cache.js';
import { formatBytes } from '../../components/format-bytes.js';

export function ImageDetailsHistory({ imageId }: { imageId: string }) {
  const engine = useEngine();
  const history = useQuery({
    queryKey: imageKeys.history(imageId),
    queryFn: () => engine.call('images.history', { image: imageId }),
    staleTime: Infinity,
  });
  if (history.isError)
    return (
      <div className="error-panel" role="alert">
        {history.error.message}
      </div>
    );
  if (history.isPending) return <p className="muted">Loading history…</p>;
  return (
    <table className="simple-table" aria-label="Image history">
      <thead>
        <tr>
          <th>Created by</th>
          <th>Size</th>
          <th>Created</th>
          <th>Image</th>
        </tr>
      </thead>
      <tbody>
        {history.data.map((step, index) => (
          <tr key={index}>
            <td className="mono created-by">{step.createdBy || '—'}</td>
            <td>{formatBytes(step.size)}</td>
            <td>{step.created ? new Date(step.created).toLocaleString() : 'unknown'}</td>
            <td className="mono">{step.id === '<missing>' ? '<missing>' : step.id.slice(0, 12)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
