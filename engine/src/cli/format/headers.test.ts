import { describe, expect, it } from 'vitest';
import { compileTemplateTree } from './go-template.js';
import { headerFromFieldName, splitWords, tableHeader } from './headers.js';

describe('headerFromFieldName', () => {
  it.each([
    ['ID', 'ID'],
    ['Names', 'NAMES'],
    ['CreatedAt', 'CREATED AT'],
    ['createdAt', 'CREATED AT'],
    ['ImageID', 'IMAGE ID'],
    ['OCIRuntime', 'OCI RUNTIME'],
    ['Id', 'ID'],
    ['created_at', 'CREATED AT'],
    ['Int8Value', 'INT 8 VALUE'],
  ])('%s -> %s', (name, header) => {
    expect(headerFromFieldName(name)).toBe(header);
  });

  it('splits words like the camelcase package', () => {
    expect(splitWords('HTMLParser')).toEqual(['HTML', 'Parser']);
    expect(splitWords('')).toEqual([]);
  });
});

describe('tableHeader', () => {
  const header = (source: string): string =>
    tableHeader(compileTemplateTree(source).tree, {
      titleFor: (path) => `<${path.join('.')}>`,
      renderLiteral: () => '<literal>',
    });

  it('titles each action by the first field it shows and keeps the text', () => {
    expect(header('{{.ID}}\t{{truncate .Image 12}}\t{{join .Names ","}}\n')).toBe('<ID>\t<Image>\t<Names>\n');
    expect(header('{{.Host.Arch}} {{$.Name}} {{(index .Items 0).Size}}')).toBe('<Host.Arch> <Name> <Size>');
  });

  it('collapses control structures to the field they test', () => {
    expect(header('{{range .Ports}}{{.}}{{end}}\t{{if .Running}}up{{end}}')).toBe('<Ports>\t<Running>');
  });

  it('renders literal actions and leaves other field-less actions and declarations empty', () => {
    expect(header('{{"x"}}|{{$v := 1}}|{{.}}|{{$}}|{{printf "%d" 1}}')).toBe('<literal>||||<literal>');
  });
});
