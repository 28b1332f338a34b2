// UI state of the machines page: a list page's search, dialog, action error (a failed start's
// console lines among them) and the machines an action is working on.
import { createListPageStore } from '../../stores/list-page-store.js';

export type MachineDialog = { kind: 'create' } | { kind: 'delete'; name: string; running: boolean };

export const useMachinesUiStore = createListPageStore<MachineDialog>();
