// Splits a Containerfile into logical instructions: comments dropped, continuation lines (the
// escape character at a line's end) joined, heredoc bodies (`<<EOF` ... `EOF`) taken from the
// lines that follow their instruction. Each instruction keeps the line it starts on, for errors.
import { BuildSyntaxError } from './build-errors.js';
import { readDirectives, type Directives } from './directives.js';

export interface Heredoc {
  /** The delimiter word, e.g. `EOF`. */
  name: string;
  /** The body, every line ending in a newline. */
  content: string;
  /** `<<"EOF"` / `<<'EOF'`: variables in the body are left alone. */
  quoted: boolean;
  /** `<<-EOF`: leading tabs removed from the body and the delimiter line. */
  stripTabs: boolean;
}

export interface RawInstruction {
  /** Upper-cased keyword, e.g. `RUN`. */
  keyword: string;
  /** Everything after the keyword, continuations joined. */
  rest: string;
  /** The instruction as written (continuations joined), for output and the cache key. */
  text: string;
  /** 1-based line the instruction starts on. */
  line: number;
  heredocs: Heredoc[];
}

export interface LexedFile {
  directives: Directives;
  instructions: RawInstruction[];
}

/** Instructions whose arguments may open heredocs. */
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const HEREDOC_MARKER = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

function isComment(line: string): boolean {
  return /^\s*#/.test(line);
}

/** The markers of heredocs opened by an instruction's arguments, in order. */
export function heredocMarkers(
  rest: string,
): { name: string; quoted: boolean; stripTabs: boolean; marker: string }[] {
  return [...rest.matchAll(HEREDOC_MARKER)].map((m) => ({
    marker: m[0],
    stripTabs: m[1] === '-',
    quoted: m[2] !== '',
    name: m[3]!,
  }));
}

export function lexContainerfile(text: string, file: string): LexedFile {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const directives = readDirectives(lines, file);
  const escape = directives.escape;
  const instructions: RawInstruction[] = [];
  let i = directives.lines;
  while (i < lines.length) {
    const first = lines[i]!;
    if (first.trim() === '' || isComment(first)) {
      i++;
      continue;
    }
    const start = i + 1;
    let joined = '';
    // Join continuation lines; comment and empty lines inside a continuation are skipped.
    for (;;) {
      const line = lines[i++] ?? '';
      const trimmed = line.replace(/\s+$/, '');
      if (trimmed.endsWith(escape) && !trimmed.endsWith(escape + escape)) {
        joined += trimmed.slice(0, -1);
        while (i < lines.length && (lines[i]!.trim() === '' || isComment(lines[i]!))) i++;
        if (i >= lines.length) break;
        continue;
      }
      joined += line;
      break;
    }
    const match = /^\s*([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(joined);
    if (!match)
      throw new BuildSyntaxError(
        file,
        start,
        `cannot parse "${joined.trim()}": expected INSTRUCTION arguments`,
      );
    const keyword = match[1]!.toUpperCase();
    const rest = (match[2] ?? '').trim();
    const heredocs: Heredoc[] = [];
    if (HEREDOC_KEYWORDS.has(keyword)) {
      for (const marker of heredocMarkers(rest)) {
        let content = '';
        for (;;) {
          if (i >= lines.length)
            throw new BuildSyntaxError(
              file,
              start,
              `heredoc <<${marker.name} is not terminated: add a line "${marker.name}"`,
            );
          let line = lines[i++]!;
          if (marker.stripTabs) line = line.replace(/^\t+/, '');
          if (line === marker.name) break;
          content += `${line}\n`;
        }
        heredocs.push({ name: marker.name, content, quoted: marker.quoted, stripTabs: marker.stripTabs });
      }
    }
    instructions.push({ keyword, rest, text: `${keyword} ${rest}`.trim(), line: start, heredocs });
  }
  return { directives, instructions };
}
