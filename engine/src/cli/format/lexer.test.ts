import { describe, expect, it } from 'vitest';
import { lex } from './lexer.js';

const kinds = (source: string): string[] => lex(source).map((token) => `${token.type}:${token.value}`);

describe('lex', () => {
  it('splits text and actions into Go tokens', () => {
    expect(kinds('a{{.B | printf "%s" $x}}')).toEqual([
      'text:a',
      'leftDelim:{{',
      'field:.B',
      'space: ',
      'pipe:|',
      'space: ',
      'identifier:printf',
      'space: ',
      'string:"%s"',
      'space: ',
      'variable:$x',
      'rightDelim:}}',
      'eof:',
    ]);
  });

  it('recognises keywords, declarations and field chains', () => {
    expect(kinds('{{range $i, $e := .A.B}}{{end}}')).toEqual([
      'leftDelim:{{',
      'keyword:range',
      'space: ',
      'variable:$i',
      'char:,',
      'space: ',
      'variable:$e',
      'space: ',
      'declare::=',
      'space: ',
      'field:.A',
      'field:.B',
      'rightDelim:}}',
      'leftDelim:{{',
      'keyword:end',
      'rightDelim:}}',
      'eof:',
    ]);
  });

  it('applies trim markers to the neighbouring text', () => {
    expect(kinds(' x \n {{- 1 -}} \n y ')).toEqual([
      'text: x',
      'leftDelim:{{',
      'number:1',
      'rightDelim:}}',
      'text:y ',
      'eof:',
    ]);
  });

  it('tracks lines', () => {
    const tokens = lex('a\nb{{\n.C}}');
    expect(tokens.find((token) => token.type === 'field')?.line).toBe(3);
  });

  it('ends with an error token at the first lexical error', () => {
    expect(kinds('ok {{.A')).toEqual(['text:ok ', 'leftDelim:{{', 'field:.A', 'error:unclosed action']);
  });
});
