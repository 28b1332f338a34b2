// `.containerignore` / `.dockerignore`: which context files never reach the build. Patterns as
// Docker's: Go filepath.Match syntax plus `**` (any number of directories), `!` for exceptions,
// the last matching line wins, and a pattern that matches a directory excludes what is under it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface Pattern {
  exclusion: boolean;
  regex: RegExp;
  /** The pattern itself, cleaned (for messages and tests). */
  text: string;
}

/** A Go-style glob (with `**`) as a regular expression over '/'-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` matches everything below.
        i++;
        if (glob[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) out += '\\[';
      else {
        let cls = glob.slice(i + 1, close);
        if (cls.startsWith('^') || cls.startsWith('!')) cls = `^${cls.slice(1)}`;
        out += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      out += glob[i + 1]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i++;
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

export class IgnoreMatcher {
  private readonly patterns: Pattern[];

  constructor(lines: readonly string[]) {
    this.patterns = [];
    for (const rawLine of lines) {
      let line = rawLine.trim();
      if (line === '' || line.startsWith('#')) continue;
      const exclusion = line.startsWith('!');
      if (exclusion) line = line.slice(1).trim();
      const cleaned = path.posix.normalize(line.replace(/^\/+/, '')).replace(/\/+$/, '');
      if (cleaned === '' || cleaned === '.') continue;
      this.patterns.push({ exclusion, regex: globToRegExp(cleaned), text: cleaned });
    }
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /** Whether any exception (`!pattern`) exists: a whole ignored directory must still be walked then. */
  get hasExceptions(): boolean {
    return this.patterns.some((p) => p.exclusion);
  }

  /** Whether `rel` (relative to the context, '/'-separated) is left out of the build. */
  ignores(rel: string): boolean {
    const parents: string[] = [];
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) parents.push(parts.slice(0, i).join('/'));
    let ignored = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion === !ignored) continue;
      const matches = pattern.regex.test(rel) || parents.some((p) => pattern.regex.test(p));
      if (matches) ignored = !pattern.exclusion;
    }
    return ignored;
  }
}

/** The context's ignore file: `.containerignore` first, else `.dockerignore` (as podman reads them). */
export function readIgnoreFile(contextDir: string, containerfile?: string): IgnoreMatcher {
  const candidates = [
    ...(containerfile ? [`${containerfile}.containerignore`, `${containerfile}.dockerignore`] : []),
    path.join(contextDir, '.containerignore'),
    path.join(contextDir, '.dockerignore'),
  ];
  for (const file of candidates)
    if (existsSync(file)) return new IgnoreMatcher(readFileSync(file, 'utf8').split('\n'));
  return new IgnoreMatcher([]);
}
