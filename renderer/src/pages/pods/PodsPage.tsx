// The pods page: the list or one pod's details, and the dialog open on either.
import { useShallow } from 'zustand/react/shallow';
import { useUiStore } from '../../stores/ui-store.js';
import { PodDetails } from './PodDetails.js';
import { PodDialogs } from './PodDialogs.js';
import { PodsList } from './PodsList.js';

export function PodsPage() {
  const [podId, tab] = useUiStore(useShallow((s) => [s.route.podId, s.route.tab] as const));
  return (
    <>
      {podId ? <PodDetails key={podId} podId={podId} initialTab={tab} /> : <PodsList />}
      <PodDialogs />
    </>
  );
}
