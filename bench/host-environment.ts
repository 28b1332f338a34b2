// The environment the subjects run in. A bench compares engines on the same work, so variables
// that one side pays for and that a default Debian login does not set are removed before any
// subject starts, and the report says which. NODE_EXTRA_CA_CERTS is the one that matters: Node 20
// builds its whole root-certificate store at start-up when it is set (even to a missing file),
// about 35-70 ms on every Node process on these machines, which podman (Go) never pays. The
// benches talk to registries on 127.0.0.1 over plain HTTP, so no subject needs it.

const NOT_A_DEFAULT_HOST = ['NODE_EXTRA_CA_CERTS'] as const;

/** Removes the variables above from this process's environment; returns those that were set. */
export function useDefaultHostEnvironment(env: NodeJS.ProcessEnv = process.env): string[] {
  const removed: string[] = [];
  for (const name of NOT_A_DEFAULT_HOST) {
    if (env[name] === undefined) continue;
    delete env[name];
    removed.push(name);
  }
  return removed;
}
