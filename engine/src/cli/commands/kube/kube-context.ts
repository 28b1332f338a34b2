// What the kube commands share: the store named by --root/--runroot (closed afterwards) with the
// container domain's hooks, and the YAML read from a file or stdin (`-`), parsed and checked.
import { readFile } from 'node:fs/promises';
import { registerContainerHooks } from '../../../container/container-hooks.js';
import { parseKubeYaml, type KubeManifest } from '../../../kube/kube-validate.js';
import { openStore, type Store } from '../../../state/store.js';
import type { CommandContext } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';

export async function withKubeStore<T>(ctx: CommandContext, work: (store: Store) => Promise<T>): Promise<T> {
  registerContainerHooks();
  const store = openStore({ root: ctx.global.root, runroot: ctx.global.runroot });
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The YAML the command names (a path, or `-` for stdin), checked before the store is touched. */
export async function readManifest(input: string): Promise<KubeManifest> {
  let text: string;
  try {
    text = input === '-' ? await readStdin() : await readFile(input, 'utf8');
  } catch (error) {
    throw new CliError(
      `reading ${input}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`,
    );
  }
  const manifest = parseKubeYaml(text, input === '-' ? '(stdin)' : input);
  if (manifest.entries.length === 0)
    throw new CliError(
      `${input === '-' ? '(stdin)' : input}: no Kubernetes objects in the YAML: nothing to do`,
    );
  return manifest;
}
