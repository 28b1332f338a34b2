// The images page: the list, or one image's details, and the dialog open on either.
import { useUiStore } from '../../stores/ui-store.js';
import { ImageDetails } from './ImageDetails.js';
import { ImageDialogs } from './ImageDialogs.js';
import { ImagesList } from './ImagesList.js';

export function ImagesPage() {
  const imageId = useUiStore((s) => s.route.imageId);
  return (
    <>
      {imageId ? <ImageDetails key={imageId} imageId={imageId} /> : <ImagesList />}
      <ImageDialogs />
    </>
  );
}
