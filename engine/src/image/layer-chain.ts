// Chain IDs (OCI image spec): the identity of a layer *stack*, not of one layer:
//   chain(L0) = diffID(L0); chain(L0..Ln) = sha256(chain(L0..Ln-1) + " " + diffID(Ln)).
// The top layer's chain ID names an image's root filesystem regardless of where it came from.
import { createHash } from 'node:crypto';

export function chainIds(diffIds: readonly string[]): string[] {
  const chain: string[] = [];
  for (const diffId of diffIds) {
    const previous = chain[chain.length - 1];
    chain.push(
      previous === undefined
        ? diffId
        : `sha256:${createHash('sha256').update(`${previous} ${diffId}`).digest('hex')}`,
    );
  }
  return chain;
}

export function topChainId(diffIds: readonly string[]): string {
  return chainIds(diffIds).at(-1) ?? '';
}
