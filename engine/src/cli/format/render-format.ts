// The --format option as podman's commands interpret it:
//   json (also {{json}})            -> the whole result as indented JSON
//   table [TEMPLATE] / no --format  -> a header line plus one line per row, aligned by tabwriter
//   any other TEMPLATE              -> the template once per row, each on its own line, no header
// Go templates see "\t" and "\n" typed on a shell command line as backslash sequences; podman turns
// them into real tabs and newlines first, and so do we.

import { compileTemplate, compileTemplateTree } from './go-template.js';
import { headerFromFieldName, tableHeader } from './headers.js';
import { alignTabs } from './tabwriter.js';

export interface FormatOptions {
  /** The table used without --format or with "--format table", e.g. "{{.ID}}\t{{.Names}}". */
  defaultTable: string;
  /** Column titles by field name, e.g. { ID: 'CONTAINER ID' }; others derive from the field name. */
  headers: Record<string, string>;
}

/** podman's IsJSON: "json" or "{{json}}" / "{{ json. }}", but not "{{json .}}" (a real template). */
const JSON_FORMAT = /^\s*(?:json|\{\{\s*json\.?\s*\}\})\s*$/;

const TABLE_PREFIX = /^table(?:\s|$)/;

export function isJsonFormat(format: string | undefined): boolean {
  return format !== undefined && JSON_FORMAT.test(format);
}

export function isTableFormat(format: string | undefined): boolean {
  return format !== undefined && TABLE_PREFIX.test(format);
}

/** Index just past the action that starts at `start` ("{{"), skipping quoted strings and comments. */
function actionEnd(format: string, start: number): number {
  let i = start + 2;
  const comment = /^(?:- )?\/\*/.exec(format.slice(i));
  if (comment) {
    const close = format.indexOf('*/', i + comment[0].length);
    if (close < 0) return format.length;
    i = close + 2;
  }
  while (i < format.length) {
    if (format.startsWith('}}', i)) return i + 2;
    const char = format[i];
    if (char === '"' || char === "'") {
      i++;
      while (i < format.length && format[i] !== char && format[i] !== '\n') i += format[i] === '\\' ? 2 : 1;
    } else if (char === '`') {
      const close = format.indexOf('`', i + 1);
      i = close < 0 ? format.length : close;
    }
    i++;
  }
  return format.length;
}

/**
 * Turns the two-character sequences \t and \n into a tab and a newline. Only text outside actions is
 * changed: inside an action, "\t" in a quoted string is already a Go escape, and a real newline
 * there would break the string (podman converts everywhere and fails on {{join .Names "\n"}}).
 */
export function unescapeFormat(format: string): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    if (format.startsWith('{{', i)) {
      const end = actionEnd(format, i);
      out += format.slice(i, end);
      i = end;
    } else if (format[i] === '\\' && (format[i + 1] === 't' || format[i + 1] === 'n')) {
      out += format[i + 1] === 't' ? '\t' : '\n';
      i += 2;
    } else {
      out += format[i];
      i++;
    }
  }
  return out;
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function lookupHeader(headers: Record<string, string>, key: string): string | undefined {
  if (Object.hasOwn(headers, key)) return headers[key];
  const lower = key.toLowerCase();
  const match = Object.keys(headers).find((name) => name.toLowerCase() === lower);
  return match === undefined ? undefined : headers[match];
}

/** The title of a column showing .A.B: headers["A.B"], else headers["B"], else derived from "B". */
function columnTitle(path: string[], headers: Record<string, string>): string {
  const last = path[path.length - 1] ?? '';
  const title =
    lookupHeader(headers, path.join('.')) ?? lookupHeader(headers, last) ?? headerFromFieldName(last);
  return title.toUpperCase(); // podman upper-cases every header, overrides included
}

/** The template part of a table format ("table {{.ID}}" -> "{{.ID}}"). */
function stripTable(format: string): string {
  return format.replace(/^table\s?/, '');
}

function renderTable(body: string, rows: readonly unknown[], headers: Record<string, string>): string {
  const template = compileTemplateTree(unescapeFormat(body));
  const header = tableHeader(template.tree, {
    titleFor: (path) => columnTitle(path, headers),
    renderLiteral: (node) => {
      try {
        return template.renderPart(node, {});
      } catch {
        return ''; // an action that needs real data has no sensible title
      }
    },
  });
  let out = withNewline(header);
  for (const row of rows) out += withNewline(template.render(row));
  return alignTabs(out);
}

function indentedJson(value: unknown): string {
  return `${JSON.stringify(value, null, 4) ?? 'null'}\n`;
}

/**
 * Renders a list result (ps, images, volume ls...) according to --format. Throws TemplateError for a
 * bad template, with Go's message.
 */
export function renderFormatted(
  format: string | undefined,
  rows: readonly unknown[],
  options: FormatOptions,
): string {
  if (isJsonFormat(format)) return indentedJson(rows);
  if (format === undefined || format === '' || isTableFormat(format)) {
    const body = format === undefined ? '' : stripTable(format);
    const template = body.trim() === '' ? stripTable(options.defaultTable) : body;
    return renderTable(template, rows, options.headers);
  }
  const render = compileTemplate(unescapeFormat(format));
  return rows.map((row) => withNewline(render(row))).join('');
}

/**
 * Renders one object (version, info, inspect) according to --format: JSON by default or for "json",
 * otherwise the template applied once. A "table" format prints a one-row table with derived headers.
 */
export function renderSingle(format: string | undefined, value: unknown): string {
  if (format === undefined || format.trim() === '' || isJsonFormat(format)) return indentedJson(value);
  if (isTableFormat(format)) {
    const body = stripTable(format);
    if (body.trim() === '') return indentedJson(value);
    return renderTable(body, [value], {});
  }
  return withNewline(compileTemplate(unescapeFormat(format))(value));
}
