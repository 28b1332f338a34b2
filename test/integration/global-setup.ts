// One registry per integration run, seeded with every fixture image; tests read its address
// with inject('registryHost') and never share a store (each uses its own --root/--runroot).
import type { TestProject } from 'vitest/node';
import { fixtureLayout } from '../fixtures/images/fixture-cache.js';
import { pushAllFromLayout } from '../fixtures/registry/push-layout.js';
import { startTestRegistry } from '../fixtures/registry/test-registry.js';

declare module 'vitest' {
  export interface ProvidedContext {
    registryHost: string;
    fixtureLayoutDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const layout = await fixtureLayout();
  const registry = await startTestRegistry();
  await pushAllFromLayout(registry.url, layout);
  project.provide('registryHost', registry.host);
  project.provide('fixtureLayoutDir', layout.dir);
  return () => registry.stop();
}
