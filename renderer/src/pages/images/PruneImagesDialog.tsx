// Removes dangling images (no names), or every image no container uses.
import { useQueryClient } from '@tanstack/react-query';
import { useEngine } from '../../api/engine-context.js';
import { dropImages } from '../../api/image-cache.js';
import { PruneDialog } from '../../components/PruneDialog.js';
import { useImagesUiStore } from './images-ui-store.js';

export function PruneImagesDialog() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = useImagesUiStore((s) => s.closeDialog);
  return (
    <PruneDialog
      noun="image"
      description="Removes images without a name (dangling), and the layers only they used."
      option="Also remove every image that no container uses"
      onClose={close}
      prune={async (all) => {
        const report = await engine.call('images.prune', { all });
        dropImages(queryClient, report.removed);
        return report;
      }}
    />
  );
}
