// podman's extra template functions, exercised through templates as users write them.

import { describe, expect, it } from 'vitest';
import { compileTemplate, TemplateError } from './go-template.js';

function render(source: string, data?: unknown): string {
  return compileTemplate(source)(data);
}

const data = {
  Id: 'a416a98b71e2c6e1f3b8a0b6d6c5b2c4',
  Names: ['web', 'db'],
  Command: 'sh -c "echo <ok> && exit"',
  Config: { Env: ['A=1'], Labels: { tier: 'front' }, Healthcheck: null, Ports: [80, 443] },
};

describe('json', () => {
  it('prints compact JSON of nested data, HTML-escaped like json.Marshal', () => {
    expect(render('{{json .Config}}', data)).toBe(
      '{"Env":["A=1"],"Labels":{"tier":"front"},"Healthcheck":null,"Ports":[80,443]}',
    );
    expect(render('{{json .Command}}', data)).toBe('"sh -c \\"echo <ok> && exit\\""');
    expect(render('{{json .Names}} {{json .Missing}}', data)).toBe('["web","db"] null');
  });
});

describe('string functions', () => {
  it('changes case', () => {
    expect(render('{{lower "MiXeD"}} {{upper "MiXeD"}} {{title "hello wide-world foo_bar"}}')).toBe(
      'mixed MIXED Hello Wide-World Foo_bar',
    );
  });

  it('joins and splits', () => {
    expect(render('{{join .Names ","}}', data)).toBe('web,db');
    expect(render('{{join .Config.Ports "+"}}', data)).toBe('80+443');
    expect(render('{{join .Missing ","}}', data)).toBe('');
    expect(render('{{split "a,b,,c" ","}} {{len (split "a:b" ":")}} {{split "héj" ""}}')).toBe(
      '[a b  c] 2 [h é j]',
    );
  });

  it('truncates, as podman does for IDs', () => {
    expect(render('{{truncate .Id 12}}', data)).toBe('a416a98b71e2');
    expect(render('{{truncate "short" 12}} {{truncate "abc" 0}}|')).toBe('short |');
    expect(() => render('{{truncate "abc" -1}}')).toThrow(TemplateError);
  });

  it('pads non-empty strings', () => {
    expect(render('[{{pad "x" 2 1}}][{{pad "" 2 1}}]')).toBe('[  x ][]');
  });

  it('tests substrings', () => {
    expect(
      render('{{contains "podman" "dma"}} {{hasPrefix "podman" "pod"}} {{hasSuffix "podman" "pod"}}'),
    ).toBe('true true false');
    expect(render('{{if hasPrefix .Id "a416"}}match{{end}}', data)).toBe('match');
  });

  it('replaces like strings.Replace', () => {
    expect(
      render('{{replace "aaaa" "a" "b" -1}} {{replace "aaaa" "a" "b" 2}} {{replace "aaaa" "a" "b" 0}}'),
    ).toBe('bbbb bbaa aaaa');
    expect(render('{{replace "ab" "" "-" -1}} {{replace "ab" "" "-" 2}}')).toBe('-a-b- -a-b');
  });

  it('trims space, or a cutset when given', () => {
    expect(render('[{{trim "  \\t padded \\n"}}] [{{trim "xxhixx" "x"}}] [{{trim "[a]" "[]"}}]')).toBe(
      '[padded] [hi] [a]',
    );
  });

  it('treats missing strings as empty, as Go struct fields would be', () => {
    expect(render('[{{upper .Nothing}}]', data)).toBe('[]');
  });
});
