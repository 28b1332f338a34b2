// Bounded parallelism for layer transfers (pull, push): a few at a time, so that one slow blob does
// not hold the others back and a large image does not open hundreds of connections.

/** Runs tasks with at most `limit` at a time; the first failure rejects after the others settle. */
export async function runLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < items.length && failure === undefined) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}
