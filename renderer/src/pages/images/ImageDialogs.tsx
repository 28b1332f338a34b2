// The images page's dialog, whichever is open.
import { BuildImageDialog } from './BuildImageDialog.js';
import { DeleteImageDialog } from './DeleteImageDialog.js';
import { useImagesUiStore } from './images-ui-store.js';
import { PruneImagesDialog } from './PruneImagesDialog.js';
import { PullImageDialog } from './PullImageDialog.js';
import { PushImageDialog } from './PushImageDialog.js';
import { TagImageDialog } from './TagImageDialog.js';

export function ImageDialogs() {
  const dialog = useImagesUiStore((s) => s.dialog);
  switch (dialog?.kind) {
    case 'pull':
      return <PullImageDialog taskId={dialog.taskId} />;
    case 'build':
      return <BuildImageDialog key={dialog.taskId ?? 'form'} taskId={dialog.taskId} />;
    case 'push':
      return (
        <PushImageDialog
          key={dialog.taskId ?? dialog.imageId}
          imageId={dialog.imageId}
          name={dialog.name}
          taskId={dialog.taskId}
        />
      );
    case 'tag':
      return <TagImageDialog key={dialog.imageId} imageId={dialog.imageId} />;
    case 'delete':
      return (
        <DeleteImageDialog
          key={dialog.ref}
          imageId={dialog.imageId}
          imageRef={dialog.ref}
          label={dialog.label}
        />
      );
    case 'prune':
      return <PruneImagesDialog />;
    default:
      return null;
  }
}
