// Docker Engine API answers (from Berth's service, podman's compatible service or dockerd) in the
// contract's shapes, which follow podman's JSON: names without Docker's leading slash, IDs
// without `sha256:`, ports and exit codes as podman reports them.
import type {
  ContainerInspect,
  ContainerPort,
  ContainerSummary,
  VolumeInspect,
} from '../contract/container-types.js';
import type { EngineEvent, EngineEventType } from '../contract/event-types.js';
import type { ImageInspect, ImageSummary } from '../contract/image-types.js';

type Json = Record<string, unknown>;

export const stripSha = (id: unknown): string => String(id ?? '').replace(/^sha256:/, '');
const stripSlash = (name: unknown): string => String(name ?? '').replace(/^\//, '');
const record = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const labels = (value: unknown): Record<string, string> | null =>
  value && typeof value === 'object' ? (value as Record<string, string>) : null;

/** Docker's list entry Ports (one per published port) as podman's (with ranges of one). */
function ports(value: unknown): ContainerPort[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  return (value as Json[])
    .filter((p) => p.PublicPort !== undefined)
    .map((p) => ({
      host_ip: String(p.IP ?? ''),
      host_port: Number(p.PublicPort ?? 0),
      container_port: Number(p.PrivatePort ?? 0),
      protocol: String(p.Type ?? 'tcp'),
      range: 1,
    }));
}

/** `docker ps` says `Exited (3) 2 minutes ago`: the only place the list carries the exit code. */
function exitCodeOf(status: string): number {
  return Number(/^Exited \((-?\d+)\)/.exec(status)?.[1] ?? 0);
}

export function containerSummaryFromDocker(c: Json): ContainerSummary {
  const state = String(c.State ?? '');
  const status = String(c.Status ?? '');
  const created = Number(c.Created ?? 0);
  const networks = Object.keys(record(record(c.NetworkSettings).Networks));
  return {
    AutoRemove: false,
    Command: String(c.Command ?? '')
      .split(' ')
      .filter(Boolean),
    Created: created,
    CreatedAt: new Date(created * 1000).toISOString(),
    Exited: state === 'exited',
    ExitedAt: 0,
    ExitCode: exitCodeOf(status),
    Id: String(c.Id ?? ''),
    Image: String(c.Image ?? ''),
    ImageID: stripSha(c.ImageID),
    IsInfra: false,
    Labels: labels(c.Labels),
    Mounts: Array.isArray(c.Mounts) ? (c.Mounts as Json[]).map((m) => String(m.Destination ?? '')) : [],
    Names: strings(c.Names).map(stripSlash),
    Networks: networks,
    Pid: 0,
    Pod: '',
    PodName: '',
    Ports: ports(c.Ports),
    StartedAt: 0,
    State: state,
    Status: status,
    Restarts: 0,
  };
}

export function containerInspectFromDocker(c: Json): ContainerInspect {
  const state = record(c.State);
  const config = record(c.Config);
  return {
    ...c,
    Id: String(c.Id ?? ''),
    Name: stripSlash(c.Name),
    Created: String(c.Created ?? ''),
    Path: String(c.Path ?? ''),
    Args: strings(c.Args),
    Image: stripSha(c.Image),
    ImageName: String(c.ImageName ?? config.Image ?? ''),
    RestartCount: Number(c.RestartCount ?? 0),
    State: {
      ...state,
      Status: String(state.Status ?? ''),
      Running: Boolean(state.Running),
      Paused: Boolean(state.Paused),
      Pid: Number(state.Pid ?? 0),
      ExitCode: Number(state.ExitCode ?? 0),
      Error: String(state.Error ?? ''),
      StartedAt: String(state.StartedAt ?? ''),
      FinishedAt: String(state.FinishedAt ?? ''),
    },
    Config: config as ContainerInspect['Config'],
    HostConfig: record(c.HostConfig) as ContainerInspect['HostConfig'],
    Mounts: Array.isArray(c.Mounts)
      ? (c.Mounts as Json[]).map((m) => ({
          Type: String(m.Type ?? ''),
          ...(m.Name ? { Name: String(m.Name) } : {}),
          Source: String(m.Source ?? ''),
          Destination: String(m.Destination ?? ''),
          RW: Boolean(m.RW),
        }))
      : [],
  };
}

export function imageSummaryFromDocker(i: Json): ImageSummary {
  const tags = strings(i.RepoTags).filter((t) => t !== '<none>:<none>');
  const digests = strings(i.RepoDigests).filter((d) => !d.startsWith('<none>'));
  const created = Number(i.Created ?? 0);
  const id = stripSha(i.Id);
  return {
    Id: id,
    ParentId: stripSha(i.ParentId),
    RepoTags: tags.length > 0 ? tags : null,
    RepoDigests: digests,
    Size: Number(i.Size ?? 0),
    SharedSize: Math.max(Number(i.SharedSize ?? 0), 0),
    VirtualSize: Number(i.VirtualSize ?? i.Size ?? 0),
    Labels: labels(i.Labels),
    Containers: Math.max(Number(i.Containers ?? 0), 0),
    Names: tags,
    Digest: digests[0]?.split('@')[1] ?? '',
    History: [],
    Created: created,
    CreatedAt: new Date(created * 1000).toISOString(),
    Dangling: tags.length === 0,
  };
}

export function imageInspectFromDocker(i: Json): ImageInspect {
  const config = record(i.Config);
  const rootfs = record(i.RootFS);
  const graph = record(i.GraphDriver);
  const digests = strings(i.RepoDigests);
  return {
    Id: stripSha(i.Id),
    Digest: digests[0]?.split('@')[1] ?? '',
    RepoTags: strings(i.RepoTags),
    RepoDigests: digests,
    Parent: stripSha(i.Parent),
    Comment: String(i.Comment ?? ''),
    Created: String(i.Created ?? ''),
    Config: config,
    Version: String(i.DockerVersion ?? ''),
    Author: String(i.Author ?? ''),
    Architecture: String(i.Architecture ?? ''),
    Os: String(i.Os ?? ''),
    ...(i.Variant ? { Variant: String(i.Variant) } : {}),
    Size: Number(i.Size ?? 0),
    VirtualSize: Number(i.VirtualSize ?? i.Size ?? 0),
    GraphDriver: { Name: String(graph.Name ?? ''), Data: record(graph.Data) as Record<string, string> },
    RootFS: { Type: String(rootfs.Type ?? 'layers'), Layers: strings(rootfs.Layers) },
    Labels: labels(config.Labels),
    Annotations: {},
    ManifestType: '',
    User: String(config.User ?? ''),
    History: [],
    NamesHistory: [],
  };
}

export function volumeFromDocker(v: Json): VolumeInspect {
  const usage = record(v.UsageData);
  return {
    Name: String(v.Name ?? ''),
    Driver: String(v.Driver ?? 'local'),
    Mountpoint: String(v.Mountpoint ?? ''),
    CreatedAt: String(v.CreatedAt ?? ''),
    Labels: (record(v.Labels) as Record<string, string>) ?? {},
    Scope: String(v.Scope ?? 'local'),
    Options: (record(v.Options) as Record<string, string>) ?? {},
    MountCount: Math.max(Number(usage.RefCount ?? 0), 0),
  };
}

/** Docker's names for a few actions, back to podman's (see api/event-shapes.ts). */
const PODMAN_ACTION: Record<string, string> = { die: 'died', destroy: 'remove', delete: 'remove' };

export function eventFromDocker(e: Json): EngineEvent {
  const actor = record(e.Actor);
  const attributes = { ...(record(actor.Attributes) as Record<string, string>) };
  const type = String(e.Type ?? 'container') as EngineEventType;
  const action = String(e.Action ?? e.status ?? '');
  const nano = BigInt(Math.trunc(Number(e.timeNano ?? Number(e.time ?? 0) * 1e9)));
  const ms = Number(nano / 1_000_000n);
  const time = `${new Date(ms).toISOString().slice(0, 19)}.${String(nano % 1_000_000_000n).padStart(9, '0')}Z`;
  const event: EngineEvent = {
    Type: type,
    Status: PODMAN_ACTION[action] ?? action,
    Time: time,
    ID: String(actor.ID ?? e.id ?? ''),
  };
  if (attributes.name) event.Name = attributes.name;
  if (attributes.image) event.Image = attributes.image;
  if (attributes.exitCode !== undefined) event.ContainerExitCode = Number(attributes.exitCode);
  if (type === 'image' && !event.Name) event.Name = String(e.from ?? actor.ID ?? '');
  delete attributes.name;
  delete attributes.image;
  delete attributes.exitCode;
  if (Object.keys(attributes).length > 0) event.Attributes = attributes;
  return event;
}
