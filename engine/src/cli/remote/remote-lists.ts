// `ps` and `images` through a RemoteEngine: the contract's summaries in podman's tables and
// templates (the same columns and template fields as the local commands).
import type { CommandContext } from '../command-spec.js';
import type { Engine } from '../../contract/engine-contract.js';
import { humanDuration, humanSize } from '../format/human-units.js';
import { renderFormatted } from '../format/render-format.js';
import { byCodePoint } from '../../util/code-point-order.js';

const PS_TABLE =
  'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
const PS_HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID',
  CreatedHuman: 'CREATED',
  CreatedAt: 'CREATED AT',
  Names: 'NAMES',
  Image: 'IMAGE',
  Command: 'COMMAND',
  Status: 'STATUS',
  Ports: 'PORTS',
  State: 'STATE',
  ImageID: 'IMAGE ID',
};

function withoutHeading(out: string, ctx: CommandContext, format: string): string {
  return ctx.flags.bool('noheading') && /^\s*table/.test(format) ? out.slice(out.indexOf('\n') + 1) : out;
}

export async function remotePs(ctx: CommandContext, engine: Engine): Promise<void> {
  const f = ctx.flags;
  const noTrunc = f.bool('no-trunc');
  const list = await engine['containers.list']({ all: f.bool('all'), filters: f.list('filter') });
  const now = Date.now();
  const rows = list
    .map((c) => {
      const command = c.Command.join(' ');
      return {
        ...c,
        ID: noTrunc ? c.Id : c.Id.slice(0, 12),
        Command: !noTrunc && command.length > 17 ? `${command.slice(0, 17)}...` : command,
        CreatedHuman: `${humanDuration(now - c.Created * 1000)} ago`,
        Names: c.Names[0] ?? '',
        Ports: (c.Ports ?? [])
          .map((p) => `${p.host_ip || '0.0.0.0'}:${p.host_port}->${p.container_port}/${p.protocol}`)
          .join(', '),
        Labels: c.Labels ?? {},
        Mounts: c.Mounts.join(','),
        Networks: c.Networks.join(','),
      };
    })
    .sort((a, b) => b.Created - a.Created || byCodePoint(a.Id, b.Id));
  if (f.bool('quiet')) {
    ctx.stdout.write(rows.map((r) => `${r.ID}\n`).join(''));
    return;
  }
  const format = f.string('format') ?? PS_TABLE;
  if (/^\s*json\s*$/.test(format)) {
    ctx.stdout.write(`${JSON.stringify(list, null, 4)}\n`);
    return;
  }
  ctx.stdout.write(
    withoutHeading(
      renderFormatted(format, rows, { defaultTable: PS_TABLE, headers: PS_HEADERS }),
      ctx,
      format,
    ),
  );
}

const IMAGES_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Created}}\t{{.Size}}';
const IMAGES_HEADERS: Record<string, string> = {
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  ID: 'IMAGE ID',
  Created: 'CREATED',
  Size: 'SIZE',
  Digest: 'DIGEST',
};

/** `host:5000/name:tag` split at the tag's colon, not the port's. */
function splitTag(name: string): { repository: string; tag: string } {
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/')
    ? { repository: name.slice(0, colon), tag: name.slice(colon + 1) }
    : { repository: name, tag: '<none>' };
}

export async function remoteImages(ctx: CommandContext, engine: Engine): Promise<void> {
  const f = ctx.flags;
  const noTrunc = f.bool('no-trunc');
  const filters = [...f.list('filter'), ...ctx.args.map((a) => `reference=${a}`)];
  const list = await engine['images.list']({ filters });
  const now = Date.now();
  const rows = list
    .flatMap((image) => {
      const base = {
        ...image,
        ID: noTrunc ? `sha256:${image.Id}` : image.Id.slice(0, 12),
        Created: `${humanDuration(now - image.Created * 1000)} ago`,
        CreatedTime: image.Created,
        Size: humanSize(image.Size),
      };
      const tags = image.RepoTags ?? [];
      if (tags.length === 0) return [{ ...base, Repository: '<none>', Tag: '<none>' }];
      return tags.map((t) => ({ ...base, Repository: splitTag(t).repository, Tag: splitTag(t).tag }));
    })
    .sort((a, b) => b.CreatedTime - a.CreatedTime || byCodePoint(a.Repository, b.Repository));
  if (f.bool('quiet')) {
    ctx.stdout.write([...new Set(rows.map((r) => r.ID))].map((id) => `${id}\n`).join(''));
    return;
  }
  const format = f.string('format') ?? IMAGES_TABLE;
  if (/^\s*json\s*$/.test(format)) {
    ctx.stdout.write(`${JSON.stringify(list, null, 4)}\n`);
    return;
  }
  ctx.stdout.write(
    withoutHeading(
      renderFormatted(format, rows, { defaultTable: IMAGES_TABLE, headers: IMAGES_HEADERS }),
      ctx,
      format,
    ),
  );
}
