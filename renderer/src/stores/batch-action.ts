// Running one action on many rows at once (start the selected pods, delete three containers):
// in parallel, the rows marked busy meanwhile, each success applied as it comes, and every
// failure reported once for the whole batch in the page's action error.
import type { ListPageState } from './list-page-store.js';

type BatchUi = Pick<ListPageState<unknown>, 'setActionError' | 'setBusy'>;

export async function runBatch<T>(
  ui: () => BatchUi,
  verb: string,
  ids: readonly string[],
  work: (id: string) => Promise<T>,
  done: (id: string, value: T) => void,
  nameOf: (id: string) => string = (id) => id.slice(0, 12),
): Promise<boolean> {
  ui().setActionError(undefined);
  ui().setBusy(ids, true);
  try {
    const outcomes = await Promise.allSettled(ids.map(work));
    const failures: string[] = [];
    outcomes.forEach((outcome, index) => {
      const id = ids[index]!;
      if (outcome.status === 'fulfilled') done(id, outcome.value);
      else {
        const reason: unknown = outcome.reason;
        failures.push(
          `Could not ${verb} ${nameOf(id)}: ${reason instanceof Error ? reason.message : String(reason)}`,
        );
      }
    });
    if (failures.length > 0) ui().setActionError(failures.join('\n'));
    return failures.length === 0;
  } finally {
    ui().setBusy(ids, false);
  }
}

export interface VerbActions<Verb extends string> {
  /** Runs a verb on each object (in parallel); resolves once all are done, true if all worked. */
  run(verb: Verb, ids: readonly string[]): Promise<boolean>;
  /** Removes objects; each removed one leaves the cache and the selection. */
  remove(ids: readonly string[]): Promise<boolean>;
}

/**
 * The list pages' verbs (start, stop... on containers or pods) as batches: each verb's answer
 * goes into the cache with `put`, removed objects are dropped with `drop`.
 */
export function verbActions<Verb extends string, Answer>(
  ui: () => BatchUi & { unselect(ids: readonly string[]): void },
  spec: {
    call(verb: Verb, id: string): Promise<Answer>;
    put(answer: Answer): void;
    remove(id: string): Promise<unknown>;
    drop(id: string): void;
  },
): VerbActions<Verb> {
  return {
    run: (verb, ids) =>
      runBatch(
        ui,
        verb,
        ids,
        (id) => spec.call(verb, id),
        (_id, answer) => spec.put(answer),
      ),
    remove: (ids) =>
      runBatch(ui, 'delete', ids, spec.remove, (id) => {
        spec.drop(id);
        ui().unselect([id]);
      }),
  };
}
