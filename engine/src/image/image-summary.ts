// The list view of local images (`images`, the API's /images/json, the desktop app's list):
// podman's ImageSummary fields, and the filters `images --filter` understands.
import type { StateDatabase } from '../state/state-database.js';
import { ImageError } from './image-errors.js';
import { splitName, requireImage } from './image-lookup.js';
import { ImageLineage } from './image-lineage.js';
import { listImageRecords, type ImageRecord } from './image-records.js';
import { imageUsageHooks } from './image-users.js';
import { parseConfigJson } from './image-inspect.js';

export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[] | null;
  RepoDigests: string[];
  Size: number;
  SharedSize: number;
  VirtualSize: number;
  Labels: Record<string, string> | null;
  Containers: number;
  Names: string[];
  Digest: string;
  History: string[];
  /** Unix seconds. */
  Created: number;
  CreatedAt: string;
  Dangling: boolean;
}

export function repoTags(record: ImageRecord): string[] {
  return record.names.filter((n) => !n.includes('@'));
}

/** `repo@digest` for every repository the image is named in and every digest it was pulled by. */
export function repoDigests(record: ImageRecord): string[] {
  const repositories = new Set(record.names.map((n) => splitName(n).repository));
  const out = new Set<string>();
  for (const repository of repositories)
    for (const digest of record.digests) out.add(`${repository}@${digest}`);
  return [...out].sort();
}

export function createdSeconds(record: ImageRecord): number {
  const t = Date.parse(record.created);
  return Number.isNaN(t) ? 0 : Math.floor(t / 1000);
}

export function summarizeImage(db: StateDatabase, record: ImageRecord): ImageSummary {
  const config = parseConfigJson(record.config);
  const tags = repoTags(record);
  return {
    Id: record.id,
    ParentId: '',
    RepoTags: tags.length > 0 ? tags : null,
    RepoDigests: repoDigests(record),
    Size: record.size,
    SharedSize: 0,
    VirtualSize: record.size,
    Labels: config.config?.Labels ?? null,
    Containers: imageUsageHooks().containersUsingImage(db, record.id).length,
    Names: record.names,
    Digest: record.manifestDigest,
    History: record.namesHistory,
    Created: createdSeconds(record),
    CreatedAt: record.created,
    Dangling: tags.length === 0,
  };
}

/** `*`, `?` and `[...]` as filepath.Match has them (`*` stays within one path component). */
function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) throw new ImageError(`invalid reference filter pattern "${pattern}": unclosed [`);
      out += `[${pattern
        .slice(i + 1, close)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\')}]`;
      i = close;
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Does a name match a reference filter? Tried on the full name and on shorter forms of it. */
function referenceMatches(name: string, pattern: string): boolean {
  const regexp = globToRegExp(pattern);
  const { repository, tag } = splitName(name);
  const withoutDomain = repository.includes('/') ? repository.slice(repository.indexOf('/') + 1) : repository;
  const lastComponent = repository.slice(repository.lastIndexOf('/') + 1);
  const forms = [repository, withoutDomain, lastComponent];
  const candidates = tag === undefined ? forms : [...forms.map((f) => `${f}:${tag}`), ...forms];
  // A pattern with a tag must match a tagged form; without one, any form of the repository.
  const patternHasTag = /:[^/]*$/.test(pattern);
  return candidates.filter((c) => patternHasTag === /:[^/]*$/.test(c)).some((c) => regexp.test(c));
}

export interface ImageFilterSet {
  filters: string[];
}

/** Parses `key=value` filters into a predicate; unknown keys are an error, as in podman. */
export function imageFilter(
  db: StateDatabase,
  filters: readonly string[],
  searchRegistries: readonly string[] = [],
): (record: ImageRecord) => boolean {
  const tests: ((record: ImageRecord) => boolean)[] = [];
  const byKey = new Map<string, string[]>();
  for (const filter of filters) {
    const eq = filter.indexOf('=');
    const key = eq === -1 ? filter : filter.slice(0, eq);
    const value = eq === -1 ? '' : filter.slice(eq + 1);
    byKey.set(key, [...(byKey.get(key) ?? []), value]);
  }
  for (const [key, values] of byKey) {
    switch (key) {
      case 'reference':
        tests.push((r) => values.some((v) => r.names.some((n) => referenceMatches(n, v))));
        break;
      case 'dangling': {
        const wanted = values.map((v) => {
          if (v !== 'true' && v !== 'false')
            throw new ImageError(`invalid filter dangling=${v}: use dangling=true or dangling=false`);
          return v === 'true';
        });
        // podman's dangling: no tag and no image built on it (a build's intermediate steps are not).
        let intermediate: Set<string> | undefined;
        const dangling = (r: ImageRecord) => {
          if (repoTags(r).length > 0) return false;
          intermediate ??= new ImageLineage(listImageRecords(db)).intermediateIds();
          return !intermediate.has(r.id);
        };
        tests.push((r) => wanted.every((w) => dangling(r) === w));
        break;
      }
      case 'label':
        tests.push((r) => {
          const labels = parseConfigJson(r.config).config?.Labels ?? {};
          return values.every((v) => {
            const eq = v.indexOf('=');
            if (eq === -1) return Object.hasOwn(labels, v);
            return labels[v.slice(0, eq)] === v.slice(eq + 1);
          });
        });
        break;
      case 'before':
      case 'since': {
        const pivots = values.map((v) => createdSeconds(requireImage(db, v, searchRegistries)));
        tests.push((r) =>
          pivots.every((p) => (key === 'before' ? createdSeconds(r) < p : createdSeconds(r) > p)),
        );
        break;
      }
      case 'id':
        tests.push((r) => values.some((v) => r.id.startsWith(v.replace(/^sha256:/, ''))));
        break;
      case 'digest':
        tests.push((r) => values.some((v) => r.digests.includes(v)));
        break;
      default:
        throw new ImageError(
          `invalid image filter "${key}": use reference, dangling, label, before, since, id or digest`,
        );
    }
  }
  return (record) => tests.every((t) => t(record));
}

export function listImages(
  db: StateDatabase,
  options: { filters?: readonly string[]; searchRegistries?: readonly string[] } = {},
): ImageRecord[] {
  const predicate = imageFilter(db, options.filters ?? [], options.searchRegistries);
  return listImageRecords(db).filter(predicate);
}
