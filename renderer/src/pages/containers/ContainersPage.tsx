// The containers page: the list, one container's details, or the create form; and the dialog
// open on either.
import { useShallow } from 'zustand/react/shallow';
import { useUiStore } from '../../stores/ui-store.js';
import { ContainerDialogs } from './ContainerDialogs.js';
import { ContainersList } from './ContainersList.js';
import { LazyContainerDetails, LazyCreateContainerForm } from './container-views.js';

const ContainerDetails = LazyContainerDetails.component;
const CreateContainerForm = LazyCreateContainerForm.component;

export function ContainersPage() {
  const [containerId, tab, creating] = useUiStore(
    useShallow((s) => [s.route.containerId, s.route.tab, s.route.create] as const),
  );
  return (
    <>
      {creating ? (
        <CreateContainerForm />
      ) : containerId ? (
        <ContainerDetails key={containerId} containerId={containerId} initialTab={tab} />
      ) : (
        <ContainersList />
      )}
      <ContainerDialogs />
    </>
  );
}
