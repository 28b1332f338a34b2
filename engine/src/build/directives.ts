// Parser directives: `# escape=` and `# syntax=` comments at the very top of a Containerfile. They
// stop at the first line that is not one (an empty line, a plain comment, an instruction), as in
// BuildKit, and each may appear once.
import { BuildSyntaxError } from './build-errors.js';

export interface Directives {
  /** The line-continuation and escape character: `\` (default) or a backtick (Windows style). */
  escape: string;
  /** `# syntax=` is recorded (a BuildKit frontend image); Berth parses the file itself. */
  syntax?: string;
  /** Lines the directives took (the instructions start after them). */
  lines: number;
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/;

export function readDirectives(lines: readonly string[], file: string): Directives {
  const found: Directives = { escape: '\\', lines: 0 };
  const seen = new Set<string>();
  for (const line of lines) {
    const match = DIRECTIVE.exec(line);
    if (!match) break;
    const name = match[1]!.toLowerCase();
    if (name !== 'escape' && name !== 'syntax' && name !== 'check') break;
    if (seen.has(name))
      throw new BuildSyntaxError(file, found.lines + 1, `only one ${name} parser directive can be used`);
    seen.add(name);
    const value = match[2]!;
    if (name === 'escape') {
      if (value !== '\\' && value !== '`')
        throw new BuildSyntaxError(file, found.lines + 1, `invalid escape token '${value}': use \\ or \``);
      found.escape = value;
    } else if (name === 'syntax') found.syntax = value;
    found.lines++;
  }
  return found;
}
