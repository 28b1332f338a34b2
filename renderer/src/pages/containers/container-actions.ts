// Running the container verbs from the list, the details page and bulk selections: each answer
// (the container's new summary) goes straight into the cache, failures are reported once for the
// whole batch, and the containers an action is working on are marked busy meanwhile.
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { dropContainers, upsertContainer } from '../../api/container-cache.js';
import { useEngine } from '../../api/engine-context.js';
import { verbActions, type VerbActions } from '../../stores/batch-action.js';
import { useContainersUiStore } from './containers-ui-store.js';

export type ContainerVerb = 'start' | 'stop' | 'restart' | 'pause' | 'unpause';

const METHODS = {
  start: 'containers.start',
  stop: 'containers.stop',
  restart: 'containers.restart',
  pause: 'containers.pause',
  unpause: 'containers.unpause',
} as const;

export type ContainerActions = VerbActions<ContainerVerb>;

export function useContainerActions(): ContainerActions {
  const engine = useEngine();
  const queryClient = useQueryClient();
  return useMemo(
    () =>
      verbActions(() => useContainersUiStore.getState(), {
        call: (verb: ContainerVerb, container) => engine.call(METHODS[verb], { container }),
        put: (summary) => upsertContainer(queryClient, summary),
        // Running ones are killed first (as `rm -f`), with their anonymous volumes.
        remove: (container) => engine.call('containers.remove', { container, force: true, volumes: true }),
        drop: (id) => dropContainers(queryClient, [id]),
      }),
    [engine, queryClient],
  );
}
