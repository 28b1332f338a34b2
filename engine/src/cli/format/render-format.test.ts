import { describe, expect, it } from 'vitest';
import { TemplateError } from './go-template.js';
import { isJsonFormat, renderFormatted, renderSingle, unescapeFormat } from './render-format.js';

const rows = [
  { id: 'a416a98b71e2', names: ['web'], image: 'docker.io/library/busybox:latest', status: 'Up 2 hours' },
  {
    id: 'b2c4d6e8f0a1',
    names: ['db', 'database'],
    image: 'docker.io/library/postgres:16',
    status: 'Exited (0)',
  },
];

const options = {
  defaultTable: '{{.ID}}\t{{.Image}}\t{{.Status}}\t{{join .Names ","}}',
  headers: { ID: 'CONTAINER ID' },
};

describe('renderFormatted', () => {
  it('prints the default table with headers when there is no format', () => {
    expect(renderFormatted(undefined, rows, options)).toBe(
      'CONTAINER ID  IMAGE                             STATUS      NAMES\n' +
        'a416a98b71e2  docker.io/library/busybox:latest  Up 2 hours  web\n' +
        'b2c4d6e8f0a1  docker.io/library/postgres:16     Exited (0)  db,database\n',
    );
  });

  it('prints only the header for an empty list', () => {
    expect(renderFormatted(undefined, [], options)).toBe('CONTAINER ID  IMAGE       STATUS      NAMES\n');
  });

  it('uses the default table for "table" alone, and a default table that says "table"', () => {
    const expected = renderFormatted(undefined, rows, options);
    expect(renderFormatted('table', rows, options)).toBe(expected);
    expect(
      renderFormatted(undefined, rows, { ...options, defaultTable: `table ${options.defaultTable}` }),
    ).toBe(expected);
  });

  it('renders a custom table with literal \\t separators and derived headers', () => {
    expect(renderFormatted('table {{.ID}}\\t{{.Names}}\\t{{.CreatedAt}}', rows.slice(0, 1), options)).toBe(
      'CONTAINER ID  NAMES       CREATED AT\n' + 'a416a98b71e2  [web]       <no value>\n',
    );
  });

  it('upper-cases supplied headers and matches them case-insensitively', () => {
    const out = renderFormatted('table {{.Id}}', rows.slice(0, 1), {
      defaultTable: '',
      headers: { ID: 'Container id' },
    });
    expect(out).toBe('CONTAINER ID\na416a98b71e2\n');
  });

  it('applies other templates per row without a header or alignment', () => {
    expect(renderFormatted('{{.ID}}\\t{{.Status}}', rows, options)).toBe(
      'a416a98b71e2\tUp 2 hours\nb2c4d6e8f0a1\tExited (0)\n',
    );
    expect(renderFormatted('{{.ID}}\n', rows, options)).toBe('a416a98b71e2\nb2c4d6e8f0a1\n');
    expect(renderFormatted('{{range .Names}}{{.}} {{end}}', rows, options)).toBe('web \ndb database \n');
    expect(renderFormatted('{{json .}}', rows.slice(0, 1), options)).toBe(
      '{"id":"a416a98b71e2","names":["web"],"image":"docker.io/library/busybox:latest","status":"Up 2 hours"}\n',
    );
  });

  it('prints JSON with 4-space indentation for json', () => {
    expect(renderFormatted('json', [], options)).toBe('[]\n');
    expect(renderFormatted('json', [{ a: 1 }], options)).toBe('[\n    {\n        "a": 1\n    }\n]\n');
    expect(renderFormatted(' {{ json }} ', [], options)).toBe('[]\n');
  });

  it('throws Go-style errors for bad templates', () => {
    expect(() => renderFormatted('{{.ID', rows, options)).toThrow(TemplateError);
    expect(() => renderFormatted('table {{nope .ID}}', rows, options)).toThrow('function "nope" not defined');
  });
});

describe('renderSingle', () => {
  const info = { host: { arch: 'amd64', ociRuntime: { name: 'crun' } }, version: { version: '0.1.0' } };

  it('applies the template once, ending with a newline', () => {
    expect(renderSingle('{{.Host.Arch}}/{{.Host.OCIRuntime.Name}}', info)).toBe('amd64/crun\n');
    expect(renderSingle('{{.Version.Version}}\n', info)).toBe('0.1.0\n');
    expect(renderSingle('{{json .Host}}', info)).toBe('{"arch":"amd64","ociRuntime":{"name":"crun"}}\n');
  });

  it('prints indented JSON for json or no format', () => {
    const expected = `${JSON.stringify(info, null, 4)}\n`;
    expect(renderSingle('json', info)).toBe(expected);
    expect(renderSingle(undefined, info)).toBe(expected);
  });

  it('prints a one-row table for a table format', () => {
    expect(renderSingle('table {{.Host.Arch}}\\t{{.Version.Version}}', info)).toBe(
      'ARCH        VERSION\namd64       0.1.0\n',
    );
  });
});

describe('format helpers', () => {
  it('recognises podman json formats', () => {
    for (const yes of ['json', ' json ', '{{json}}', '{{ json. }}', '{{json }}'])
      expect(isJsonFormat(yes), yes).toBe(true);
    for (const no of ['{{json .}}', '{{ json . }}', 'json .', 'table', undefined])
      expect(isJsonFormat(no), no).toBe(false);
  });

  it('turns \\t and \\n into tab and newline outside actions only', () => {
    expect(unescapeFormat('{{.A}}\\t{{.B}}\\n')).toBe('{{.A}}\t{{.B}}\n');
    expect(unescapeFormat('{{join .Names "\\n"}}\\t')).toBe('{{join .Names "\\n"}}\t');
    expect(unescapeFormat('{{"}}\\t"}}\\t{{/* \\n }} */}}')).toBe('{{"}}\\t"}}\t{{/* \\n }} */}}');
    expect(unescapeFormat('a\\\\b')).toBe('a\\\\b');
  });
});
