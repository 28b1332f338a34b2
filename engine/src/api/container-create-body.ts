// `POST /containers/create`: Docker's body, validated, mapped onto the same create request the
// CLI's flags produce (container/create-container.ts). Fields Docker clients send that Berth does
// not act on are accepted and ignored, as dockerd ignores what a platform does not support.
import { z } from 'zod';
import type { CreateContainerRequest } from '../container/create-container.js';
import type { ContainerMount, RestartPolicy } from '../container/container-config.js';
import { parseVolumeFlag } from '../container/mount-flags.js';
import { parseSignal } from '../container/signals.js';
import { ApiError } from './api-errors.js';

const stringOrList = z.union([z.string(), z.array(z.string())]).nullish();
const portBinding = z.object({ HostIp: z.string().nullish(), HostPort: z.string().nullish() });
const portBindingsSchema = z.record(z.string(), z.array(portBinding).nullish()).nullish();

export const createBodySchema = z
  .object({
    Image: z.string().min(1, 'name the image to create the container from'),
    Cmd: stringOrList,
    Entrypoint: stringOrList,
    Env: z.array(z.string()).nullish(),
    Tty: z.boolean().nullish(),
    OpenStdin: z.boolean().nullish(),
    WorkingDir: z.string().nullish(),
    User: z.string().nullish(),
    Hostname: z.string().nullish(),
    Labels: z.record(z.string(), z.string()).nullish(),
    ExposedPorts: z.record(z.string(), z.unknown()).nullish(),
    StopSignal: z.string().nullish(),
    StopTimeout: z.number().int().nullish(),
    HostConfig: z
      .object({
        Binds: z.array(z.string()).nullish(),
        PortBindings: portBindingsSchema,
        PublishAllPorts: z.boolean().nullish(),
        NetworkMode: z.string().nullish(),
        AutoRemove: z.boolean().nullish(),
        RestartPolicy: z
          .object({ Name: z.string().nullish(), MaximumRetryCount: z.number().int().min(0).nullish() })
          .nullish(),
        Privileged: z.boolean().nullish(),
        ReadonlyRootfs: z.boolean().nullish(),
        CapAdd: z.array(z.string()).nullish(),
        CapDrop: z.array(z.string()).nullish(),
        Memory: z.number().int().min(0).nullish(),
        NanoCpus: z.number().int().min(0).nullish(),
        PidsLimit: z.number().int().nullish(),
        Init: z.boolean().nullish(),
        Dns: z.array(z.string()).nullish(),
        DnsSearch: z.array(z.string()).nullish(),
        DnsOptions: z.array(z.string()).nullish(),
        ExtraHosts: z.array(z.string()).nullish(),
        ShmSize: z.number().int().min(0).nullish(),
      })
      .nullish(),
  })
  .loose();

export type CreateBody = z.infer<typeof createBodySchema>;

function words(value: string | string[] | null | undefined): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  // A string form is run through a shell, as Docker documents for Cmd/Entrypoint strings.
  return typeof value === 'string' ? ['/bin/sh', '-c', value] : value;
}

const RESTART_NAMES = new Set(['', 'no', 'always', 'on-failure', 'unless-stopped']);

function restartPolicy(
  given: { Name?: string | null; MaximumRetryCount?: number | null } | null | undefined,
): RestartPolicy | undefined {
  const name = given?.Name ?? '';
  if (!RESTART_NAMES.has(name))
    throw new ApiError(400, `invalid restart policy "${name}": use no, always, on-failure or unless-stopped`);
  if (name === '' || name === 'no') return undefined;
  return {
    name: name as RestartPolicy['name'],
    maxRetries: name === 'on-failure' ? (given?.MaximumRetryCount ?? 0) : 0,
  };
}

/** `{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}` as -p specs (`:8080:80/tcp`). */
function publishSpecs(bindings: z.infer<typeof portBindingsSchema>): string[] {
  const specs: string[] = [];
  for (const [key, list] of Object.entries(bindings ?? {})) {
    const [port, protocol = 'tcp'] = key.split('/');
    if (!/^\d+(-\d+)?$/.test(port ?? ''))
      throw new ApiError(
        400,
        `invalid port "${key}" in HostConfig.PortBindings: use "PORT/PROTOCOL", e.g. "80/tcp"`,
      );
    for (const binding of list ?? [{}]) {
      const ip = binding.HostIp ?? '';
      const host = binding.HostPort ?? '';
      const hostPart = ip ? `${ip.includes(':') ? `[${ip}]` : ip}:${host}:` : host ? `${host}:` : '';
      specs.push(`${hostPart}${port}/${protocol}`);
    }
  }
  return specs;
}

/** Docker's body as Berth's create request; `name` comes from the query. */
export function createRequestFromBody(body: CreateBody, name: string | undefined): CreateContainerRequest {
  const host = body.HostConfig ?? {};
  const mounts: ContainerMount[] = (host.Binds ?? []).map((bind) => {
    // Relative bind sources would be relative to the service's directory: refuse them.
    const source = bind.split(':')[0] ?? '';
    if (source.startsWith('.'))
      throw new ApiError(400, `invalid bind "${bind}": the source must be an absolute path or a volume name`);
    return parseVolumeFlag(bind, '/');
  });
  const networkMode = host.NetworkMode && host.NetworkMode !== 'default' ? host.NetworkMode : undefined;
  return {
    image: body.Image,
    name: name || undefined,
    command: words(body.Cmd),
    entrypoint: words(body.Entrypoint),
    env: body.Env ?? [],
    workdir: body.WorkingDir || undefined,
    user: body.User || undefined,
    hostname: body.Hostname || undefined,
    labels: body.Labels ?? {},
    tty: body.Tty ?? false,
    interactive: body.OpenStdin ?? false,
    mounts,
    publish: publishSpecs(host.PortBindings),
    publishAll: host.PublishAllPorts ?? false,
    networkMode,
    autoRemove: host.AutoRemove ?? false,
    restartPolicy: restartPolicy(host.RestartPolicy),
    privileged: host.Privileged ?? undefined,
    readOnly: host.ReadonlyRootfs ?? undefined,
    capAdd: host.CapAdd ?? undefined,
    capDrop: host.CapDrop ?? undefined,
    memory: host.Memory || undefined,
    cpus: host.NanoCpus ? host.NanoCpus / 1e9 : undefined,
    pidsLimit: host.PidsLimit ?? undefined,
    init: host.Init ?? undefined,
    dns: host.Dns ?? undefined,
    dnsSearch: host.DnsSearch ?? undefined,
    dnsOptions: host.DnsOptions ?? undefined,
    addHosts: host.ExtraHosts ?? undefined,
    shmSize: host.ShmSize || undefined,
    stopSignal: body.StopSignal ? parseSignal(body.StopSignal) : undefined,
    stopTimeout: body.StopTimeout ?? undefined,
  };
}
