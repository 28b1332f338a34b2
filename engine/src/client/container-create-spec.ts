// The contract's container create input as Docker's create body: `-p` specs as ExposedPorts and
// PortBindings, `-v` specs as Binds (or anonymous Volumes), the restart policy.
import type { CallParams } from '../contract/engine-contract.js';

type CreateInput = CallParams<'containers.create'>;

interface PortBinding {
  HostIp: string;
  HostPort: string;
}

/** `[ip:][hostPort:]containerPort[/protocol]`, ranges expanded port by port. */
function portBindings(specs: readonly string[]): {
  exposed: Record<string, object>;
  bindings: Record<string, PortBinding[]>;
} {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, PortBinding[]> = {};
  for (const spec of specs) {
    const [main = '', protocol = 'tcp'] = spec.split('/');
    const ipMatch = /^(\[[^\]]+\]|\d+\.\d+\.\d+\.\d+):/.exec(main);
    const hostIp = ipMatch ? ipMatch[1]!.replace(/^\[|\]$/g, '') : '';
    const rest = ipMatch ? main.slice(ipMatch[0].length) : main;
    const parts = rest.split(':');
    const containerPart = parts.at(-1)!;
    const hostPart = parts.length > 1 ? parts[0]! : '';
    const [cStart = 0, cEnd = cStart] = containerPart.split('-').map(Number);
    const [hStart, hEnd] = hostPart ? hostPart.split('-').map(Number) : [undefined, undefined];
    for (let port = cStart; port <= cEnd; port++) {
      const key = `${port}/${protocol}`;
      exposed[key] = {};
      const hostPort =
        hStart === undefined
          ? ''
          : String(
              hEnd !== undefined && hEnd !== hStart ? hStart + (port - cStart) : hStart + (port - cStart),
            );
      (bindings[key] ??= []).push({ HostIp: hostIp, HostPort: hostPort });
    }
  }
  return { exposed, bindings };
}

export function dockerCreateBody(input: CreateInput): Record<string, unknown> {
  const { exposed, bindings } = portBindings(input.ports);
  const binds = input.volumes.filter((v) => !v.startsWith('/') || v.includes(':'));
  const anonymous = input.volumes.filter((v) => v.startsWith('/') && !v.includes(':'));
  return {
    Image: input.image,
    ...(input.command.length > 0 ? { Cmd: input.command } : {}),
    Env: input.env,
    Tty: input.tty,
    OpenStdin: input.interactive,
    AttachStdin: false,
    ExposedPorts: exposed,
    Volumes: Object.fromEntries(anonymous.map((v) => [v, {}])),
    HostConfig: {
      Binds: binds,
      PortBindings: bindings,
      RestartPolicy: { Name: input.restartPolicy.name, MaximumRetryCount: input.restartPolicy.maxRetries },
    },
  };
}
