// Running the pod verbs from the list, the details page and bulk selections: each answer (the
// pod's new summary) goes straight into the cache, failures are reported once per batch, and
// the pods being worked on are marked busy meanwhile. Their containers follow through events.
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useEngine } from '../../api/engine-context.js';
import { dropPods, upsertPod } from '../../api/pod-cache.js';
import { verbActions, type VerbActions } from '../../stores/batch-action.js';
import { usePodsUiStore } from './pods-ui-store.js';

export type PodVerb = 'start' | 'stop' | 'restart' | 'pause' | 'unpause';

const METHODS = {
  start: 'pods.start',
  stop: 'pods.stop',
  restart: 'pods.restart',
  pause: 'pods.pause',
  unpause: 'pods.unpause',
} as const;

export type PodActions = VerbActions<PodVerb>;

export function usePodActions(): PodActions {
  const engine = useEngine();
  const queryClient = useQueryClient();
  return useMemo(
    () =>
      verbActions(() => usePodsUiStore.getState(), {
        call: (verb: PodVerb, pod) => engine.call(METHODS[verb], { pod }),
        put: (summary) => upsertPod(queryClient, summary),
        // With all its containers, running ones too.
        remove: (pod) => engine.call('pods.remove', { pod, force: true }),
        drop: (id) => dropPods(queryClient, [id]),
      }),
    [engine, queryClient],
  );
}
