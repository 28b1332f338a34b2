// The host's machines, in react-query's cache. Machines send no engine events (they are not the
// engine's objects), and nothing polls: the list is read when the page opens, after each action
// (what an action answers is put in place at once), and when the user asks for a refresh.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { MachineSummary } from '../../../engine/src/contract/machine-types.js';
import { useEngine } from './engine-context.js';
import { keyedListCache } from './keyed-list-cache.js';

export const machineKeys = {
  list: ['machines', 'list'] as const,
};

const machines = keyedListCache<MachineSummary>(machineKeys.list, (m) => m.name);

export function useMachineList() {
  const engine = useEngine();
  return useQuery({
    queryKey: machineKeys.list,
    queryFn: () => engine.call('machines.list', {}),
    staleTime: Infinity,
  });
}

export function upsertMachine(queryClient: QueryClient, machine: MachineSummary): void {
  machines.upsert(queryClient, machine);
}

export function dropMachine(queryClient: QueryClient, name: string): void {
  machines.drop(queryClient, [name]);
}

/** Reads the whole list again (a machine's state may have changed under way). */
export function refreshMachines(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: machineKeys.list });
}
