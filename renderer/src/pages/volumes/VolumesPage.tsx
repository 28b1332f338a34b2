// The volumes page: the list and its dialogs.
import { VolumeDialogs } from './VolumeDialogs.js';
import { VolumesList } from './VolumesList.js';

export function VolumesPage() {
  return (
    <>
      <VolumesList />
      <VolumeDialogs />
    </>
  );
}
