// Behaviour of the Go text/template implementation. Expected outputs are what Go's text/template
// produces for the same template over the equivalent Go map/slice data.

import { describe, expect, it } from 'vitest';
import { compileTemplate, compileTemplateTree, TemplateError, type TemplateFunction } from './go-template.js';

function render(source: string, data?: unknown, funcs?: Record<string, TemplateFunction>): string {
  return compileTemplate(source, funcs)(data);
}

/** The message of the TemplateError thrown while compiling or running a template. */
function errorOf(source: string, data?: unknown, funcs?: Record<string, TemplateFunction>): string {
  try {
    render(source, data, funcs);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return (error as Error).message;
  }
  throw new Error(`expected ${source} to fail`);
}

const container = {
  Id: 'a416a98b71e2c6e1f3b8a0b6d6c5b2c4',
  names: ['web', 'db'],
  state: 'running',
  name: 'web',
  labels: { 'a.b': 'dotted', foo: 'bar' },
  ports: [],
  exitCode: 0,
  host: { ociRuntime: { name: 'crun' } },
};

describe('text and actions', () => {
  it('copies text and prints dot', () => {
    expect(render('plain text')).toBe('plain text');
    expect(render('{{.}}', 'hello')).toBe('hello');
    expect(render('')).toBe('');
  });

  it('trims whitespace around trim markers', () => {
    expect(render('a  {{- .Name -}}  b', { Name: 'x' })).toBe('axb');
    expect(render('line\n\t {{- "x"}}')).toBe('linex');
    expect(render('{{"x" -}}\n\n  y')).toBe('xy');
    // Without a space after '-' it is a negative number, not a trim marker.
    expect(render('a {{-3}}')).toBe('a -3');
  });

  it('drops comments, with or without trim markers', () => {
    expect(render('a{{/* a comment */}}b')).toBe('ab');
    expect(render('a {{- /* multi\nline */ -}} b')).toBe('ab');
  });

  it('prints nothing for declarations', () => {
    expect(render('{{$x := 1}}{{$x = 2}}|{{$x}}')).toBe('|2');
  });
});

describe('fields', () => {
  it('follows field chains', () => {
    expect(render('{{.A.B.C}}', { A: { B: { C: 'deep' } } })).toBe('deep');
  });

  it('matches Go field names to JSON keys case-insensitively', () => {
    expect(render('{{.Host.OCIRuntime.Name}}', container)).toBe('crun');
    expect(render('{{.ID}}', { Id: 'x' })).toBe('x');
    expect(render('{{.ID}}', { id: 'y' })).toBe('y');
  });

  it('prefers an exact key over a case-insensitive one', () => {
    const data = { ID: 'upper', id: 'lower' };
    expect(render('{{.ID}} {{.id}} {{.Id}}', data)).toBe('upper lower upper');
  });

  it('looks up map keys the same way', () => {
    expect(render('{{.Labels.foo}}', container)).toBe('bar');
    expect(render('{{.Labels.Foo}}', container)).toBe('bar');
    expect(render('{{.M.key}}', { M: new Map([['key', 'from map']]) })).toBe('from map');
  });

  it('prints <no value> for missing keys and <nil> for nulls', () => {
    expect(render('{{.Missing}}', container)).toBe('<no value>');
    expect(render('{{.Missing.Deeper}}', container)).toBe('<no value>');
    expect(render('{{.Gone}}', { Gone: null })).toBe('<nil>');
    expect(render('{{.Gone.Field}}', { Gone: null })).toBe('<no value>');
  });

  it('calls functions found in fields, with arguments and the piped value', () => {
    const data = {
      greeting: () => 'hi',
      add: (a: unknown, b: unknown) => (a as number) + (b as number),
      nested: () => ({ value: 'inner' }),
    };
    expect(render('{{.Greeting}}', data)).toBe('hi');
    expect(render('{{.Add 1 2}}', data)).toBe('3');
    expect(render('{{3 | .Add 4}}', data)).toBe('7');
    expect(render('{{.Nested.Value}}', data)).toBe('inner');
  });

  it('treats class getters and methods as fields, bound to their object', () => {
    class Report {
      private readonly base = 'engine';
      get Name(): string {
        return `${this.base}-name`;
      }
      describe(suffix: unknown): string {
        return `${this.base}:${String(suffix)}`;
      }
    }
    expect(render('{{.Name}} {{.Describe "x"}}', new Report())).toBe('engine-name engine:x');
    // Object.prototype members are not fields.
    expect(render('{{.toString}}', {})).toBe('<no value>');
  });

  it('rejects fields of non-objects and arguments to non-methods', () => {
    expect(errorOf('{{.Name.X}}', { Name: 'web' })).toBe(
      'template: :1:2: executing "" at <.Name.X>: can\'t evaluate field X in type string',
    );
    expect(errorOf('{{.Names.X}}', container)).toContain("can't evaluate field X in type []interface {}");
    expect(errorOf('{{.Name 1}}', container)).toBe(
      'template: :1:2: executing "" at <.Name>: Name is not a method but has arguments',
    );
  });
});

describe('variables', () => {
  it('binds $ to the data everywhere', () => {
    expect(render('{{range .Names}}{{.}}@{{$.Name}} {{end}}', container)).toBe('web@web db@web ');
    expect(render('{{$.Name}}', container)).toBe('web');
  });

  it('assigns to outer variables from inside blocks', () => {
    expect(render('{{$last := ""}}{{range .Names}}{{$last = .}}{{end}}{{$last}}', container)).toBe('db');
  });

  it('scopes declarations to their block', () => {
    expect(errorOf('{{if true}}{{$x := 1}}{{end}}{{$x}}')).toBe('template: :1: undefined variable "$x"');
    expect(errorOf('{{$y = 1}}')).toBe('template: :1: undefined variable "$y"');
  });

  it('reads fields of variables', () => {
    expect(render('{{$h := .Host}}{{$h.OCIRuntime.Name}}', container)).toBe('crun');
  });
});

describe('pipelines and literals', () => {
  it('passes each result as the last argument of the next command', () => {
    expect(render('{{.Name | printf "%s!"}}', container)).toBe('web!');
    expect(render('{{"x" | printf "%s-%s" "a"}}')).toBe('a-x');
    expect(render('{{join .Names ", " | upper}}', { Names: ['a', 'b'] })).toBe('A, B');
  });

  it('evaluates parenthesised pipelines and fields of their results', () => {
    expect(render('{{printf "%d names" (len .Names)}}', container)).toBe('2 names');
    expect(render('{{(index .Items 1).Name}}', { Items: [{ Name: 'a' }, { Name: 'b' }] })).toBe('b');
  });

  it('reads Go string, number, bool and character literals', () => {
    expect(render('{{"tab\\there \\u00e9 \\x41 \\101 \\""}}')).toBe('tab\there é A A "');
    expect(render('{{`raw\\t` }}')).toBe('raw\\t');
    expect(render('{{0x1F}} {{0o17}} {{017}} {{0b101}} {{1_000}} {{-2}} {{+3}} {{1.5}} {{.5}}')).toBe(
      '31 15 15 5 1000 -2 3 1.5 0.5',
    );
    expect(render("{{'a'}} {{'\\n'}}")).toBe('97 10');
    expect(render('{{true}} {{false}}')).toBe('true false');
  });

  it('rejects nil as a command and arguments to literals', () => {
    expect(errorOf('{{nil}}')).toBe('template: :1:2: executing "" at <nil>: nil is not a command');
    expect(errorOf('{{"a" "b"}}')).toContain('can\'t give argument to non-function "a"');
  });
});

describe('if, with and range', () => {
  it('chooses branches with if / else if / else', () => {
    const tpl = '{{if eq .State "running"}}up{{else if eq .State "paused"}}paused{{else}}down{{end}}';
    expect(render(tpl, { State: 'running' })).toBe('up');
    expect(render(tpl, { State: 'paused' })).toBe('paused');
    expect(render(tpl, { State: 'exited' })).toBe('down');
  });

  it('uses Go truthiness', () => {
    const falsy = [false, 0, '', [], {}, null, undefined, new Map()];
    const truthy = [true, 1, -1, 'x', [0], { a: 0 }, () => 0, new Date(0)];
    for (const value of falsy) expect(render('{{if .}}T{{else}}F{{end}}', value)).toBe('F');
    for (const value of truthy) expect(render('{{if .}}T{{else}}F{{end}}', value)).toBe('T');
    class Struct {}
    expect(render('{{if .}}T{{else}}F{{end}}', new Struct())).toBe('T');
  });

  it('moves dot with with, and supports else / else with', () => {
    expect(render('{{with .Host.OCIRuntime}}{{.Name}}{{end}}', container)).toBe('crun');
    expect(render('{{with .Missing}}yes{{else}}no {{.Name}}{{end}}', container)).toBe('no web');
    expect(render('{{with .A}}a{{else with .B}}b={{.}}{{else}}none{{end}}', { B: 2 })).toBe('b=2');
    expect(render('{{with $x := .Name}}{{$x}}{{.}}{{end}}', container)).toBe('webweb');
  });

  it('ranges over arrays', () => {
    expect(render('{{range .Names}}{{.}},{{end}}', container)).toBe('web,db,');
    expect(render('{{range $i, $e := .Names}}{{$i}}={{$e}} {{end}}', container)).toBe('0=web 1=db ');
    expect(render('{{range $e := .Names}}[{{$e}}]{{end}}', container)).toBe('[web][db]');
  });

  it('ranges over objects in sorted key order', () => {
    const data = { Labels: { zeta: '1', alpha: '2', mid: '3' } };
    expect(render('{{range $k, $v := .Labels}}{{$k}}={{$v}};{{end}}', data)).toBe('alpha=2;mid=3;zeta=1;');
    expect(render('{{range .Labels}}{{.}}{{end}}', data)).toBe('231');
  });

  it('runs else when there is nothing to range over', () => {
    expect(render('{{range .Ports}}p{{else}}none{{end}}', container)).toBe('none');
    expect(render('{{range .Missing}}p{{else}}none{{end}}', container)).toBe('none');
    expect(render('{{range .Empty}}p{{else}}none{{end}}', { Empty: {} })).toBe('none');
  });

  it('ranges over an integer like Go 1.22', () => {
    expect(render('{{range 3}}{{.}}{{end}}')).toBe('012');
    expect(render('{{range $i := 2}}<{{$i}}>{{end}}')).toBe('<0><1>');
  });

  it('supports break and continue', () => {
    const data = { N: [1, 2, 3, 4, 5] };
    expect(render('{{range .N}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}', data)).toBe('123');
    expect(render('{{range .N}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}', data)).toBe('1345');
  });

  it('refuses to range over scalars', () => {
    expect(errorOf('{{range .Name}}x{{end}}', container)).toContain("range can't iterate over web");
  });
});

describe('value rendering', () => {
  it('prints values like Go fmt', () => {
    const data = {
      int: 42,
      whole: 2.0,
      float: 1.5,
      big: 1e21,
      tiny: 0.000001,
      yes: true,
      list: ['a', 'b', 'c'],
      nested: [[1, 2], { b: 2, a: 1 }, null],
      map: { b: 2, a: 1 },
      empty: [],
      emptyMap: {},
      when: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
    };
    expect(render('{{.Int}} {{.Whole}} {{.Float}} {{.Big}} {{.Tiny}} {{.Yes}}', data)).toBe(
      '42 2 1.5 1e+21 1e-06 true',
    );
    expect(render('{{.List}} {{.Nested}} {{.Map}}', data)).toBe(
      '[a b c] [[1 2] map[a:1 b:2] <nil>] map[a:1 b:2]',
    );
    expect(render('{{.Empty}} {{.EmptyMap}}', data)).toBe('[] map[]');
    expect(render('{{.When}}', data)).toBe('2024-01-02 03:04:05 +0000 UTC');
  });

  it('uses a custom toString like a Go Stringer', () => {
    class Size {
      toString(): string {
        return '4.5 MB';
      }
    }
    expect(render('{{.}}', new Size())).toBe('4.5 MB');
  });
});

describe('builtin functions', () => {
  it('and / or return the deciding value and short-circuit', () => {
    const boom = (): never => {
      throw new Error('evaluated');
    };
    expect(render('{{and 1 0 2}} {{and 1 2}} {{or 0 "" "z"}} {{or 0 ""}}')).toBe('0 2 z ');
    expect(render('{{or 1 (boom)}} {{and 0 (boom)}}', {}, { boom })).toBe('1 0');
    expect(render('{{.Name | and true}}', container)).toBe('web');
    expect(render('{{not 0}} {{not "x"}}')).toBe('true false');
  });

  it('len counts bytes of strings (as Go), elements and keys', () => {
    expect(render('{{len .Names}} {{len .Labels}} {{len "héllo"}} {{len .Missing}}', container)).toBe(
      '2 2 6 0',
    );
    expect(errorOf('{{len 3}}')).toContain('error calling len: len of type int');
  });

  it('index looks into arrays, maps and strings', () => {
    expect(render('{{index .Labels "a.b"}}', container)).toBe('dotted');
    expect(render('{{index .Names 1}}', container)).toBe('db');
    expect(render('{{index .M 0 1}}', { M: [[1, 2]] })).toBe('2');
    expect(render('{{index "abc" 1}}')).toBe('98');
    // A missing label prints nothing, like podman's map[string]string.
    expect(render('[{{index .Labels "nope"}}] [{{index .Missing "x"}}]', container)).toBe('[] []');
    expect(errorOf('{{index .Names 5}}', container)).toBe(
      'template: :1:2: executing "" at <index .Names 5>: error calling index: index out of range: 5',
    );
  });

  it('slice cuts strings and arrays', () => {
    expect(render('{{slice "abcdef" 1 3}} {{slice .N 1}} {{slice .N 0 2}}', { N: [1, 2, 3] })).toBe(
      'bc [2 3] [1 2]',
    );
    expect(errorOf('{{slice "abc" 2 1}}')).toContain('invalid slice index: 2 > 1');
  });

  it('print, println and printf format like fmt', () => {
    expect(render('{{print "a" 1 2 "b"}}|{{println "x" 1}}|')).toBe('a1 2b|x 1\n|');
    expect(render('{{printf "%-10s|" .Name}}', container)).toBe('web       |');
    expect(render('{{printf "%5.1f%%" 12.345}}')).toBe(' 12.3%');
    expect(render('{{printf "%s %d %v %q %x %t" "s" 7 .Names "q" 255 true}}', container)).toBe(
      's 7 [web db] "q" ff true',
    );
  });

  it('compares with eq (several operands), ne, lt, le, gt, ge', () => {
    expect(render('{{eq .State "paused" "running"}} {{eq 1 2}} {{ne 1 2}}', container)).toBe(
      'true false true',
    );
    expect(render('{{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}}')).toBe('true true true false');
    expect(render('{{eq .Missing "x"}} {{eq .Missing nil}}', container)).toBe('false true');
    expect(errorOf('{{eq .ExitCode "0"}}', container)).toBe(
      'template: :1:2: executing "" at <eq .ExitCode "0">: error calling eq: incompatible types for comparison',
    );
    expect(errorOf('{{lt true false}}')).toContain('invalid type for comparison');
  });

  it('escapes for HTML, JavaScript and URLs like Go', () => {
    expect(render(`{{html "<a href='x'>&\\"</a>"}}`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;');
    expect(render(`{{js "it's <b> = \\"x\\"\\n"}}`)).toBe('it\\\'s \\u003Cb\\u003E \\u003D \\"x\\"\\u000A');
    expect(render('{{urlquery "a b&c/é~"}}')).toBe('a+b%26c%2F%C3%A9~');
  });

  it('call invokes function values', () => {
    expect(render('{{call .Fn 2 3}}', { Fn: (a: unknown, b: unknown) => Number(a) * Number(b) })).toBe('6');
    expect(errorOf('{{call .Name}}', container)).toContain('error calling call: non-function of type string');
  });

  it('checks argument counts like Go', () => {
    expect(errorOf('{{truncate .Name}}', container)).toBe(
      'template: :1:2: executing "" at <truncate>: wrong number of args for truncate: want 2 got 1',
    );
    expect(errorOf('{{printf}}')).toContain('wrong number of args for printf: want at least 1 got 0');
  });

  it('reports argument type mismatches', () => {
    expect(errorOf('{{upper 5}}')).toContain('wrong type for value; expected string; got int');
  });
});

describe('caller functions', () => {
  it('are callable and override the library', () => {
    const funcs = { shout: (s: unknown) => `${String(s)}!`, upper: () => 'overridden' };
    expect(render('{{shout .Name}} {{upper .Name}}', container, funcs)).toBe('web! overridden');
  });

  it('report thrown errors as "error calling"', () => {
    const funcs = {
      fail: () => {
        throw new Error('boom');
      },
    };
    expect(errorOf('x\n  {{fail}}', {}, funcs)).toBe(
      'template: :2:4: executing "" at <fail>: error calling fail: boom',
    );
  });
});

describe('syntax errors', () => {
  it('reports them at compile time with Go messages', () => {
    const cases: [string, string][] = [
      ['{{foo}}', 'template: :1: function "foo" not defined'],
      ['{{if .X}}open', 'template: :1: unexpected EOF'],
      ['{{end}}', 'template: :1: unexpected {{end}}'],
      ['{{else}}', 'template: :1: unexpected {{else}}'],
      ['{{.A', 'template: :1: unclosed action'],
      ['{{"abc}}', 'template: :1: unterminated quoted string'],
      ['{{`abc}}', 'template: :1: unterminated raw quoted string'],
      ['{{/* no end', 'template: :1: unclosed comment'],
      ['{{/* c */ x}}', 'template: :1: comment ends before closing delimiter'],
      ['{{ /* c */ }}', 'template: :1: unexpected "/" in command'],
      ['{{if}}{{end}}', 'template: :1: missing value for if'],
      ['{{}}', 'template: :1: missing value for command'],
      ['{{(.A}}', 'template: :1: unclosed left paren'],
      ['{{.A)}}', 'template: :1: unexpected right paren'],
      ['{{.A | "x"}}', 'template: :1: non executable command in pipeline stage 2'],
      ['{{#}}', 'template: :1: unexpected "#" in command'],
      ['{{§}}', "template: :1: bad character U+00A7 '§'"],
      ['{{break}}', 'template: :1: {{break}} outside {{range}}'],
      ['{{range $a, $b, $c := .}}{{end}}', 'template: :1: too many declarations in range'],
      ['{{range .}}{{else if .X}}{{end}}', 'template: :1: unexpected <if> in input'],
      ['{{"x".Y}}', 'template: :1: unexpected . after term "\\"x\\""'],
      ['{{"\\q"}}', 'template: :1: invalid syntax'],
      ['{{1x}}', 'template: :1: bad number syntax: "1x"'],
      ['{{define "x"}}{{end}}', 'template: :1: {{define}} is not supported'],
      ['first\nsecond {{nope}}', 'template: :2: function "nope" not defined'],
    ];
    for (const [source, message] of cases) {
      expect(() => compileTemplate(source), source).toThrow(TemplateError);
      expect(errorOf(source), source).toBe(message);
    }
  });

  it('reports the first problem in source order, as Go parses lazily', () => {
    expect(errorOf('{{foo}} {{')).toBe('template: :1: function "foo" not defined');
  });

  it('exposes the parse tree', () => {
    const { tree } = compileTemplateTree('a{{.B}}');
    expect(tree.nodes.map((node) => node.kind)).toEqual(['text', 'action']);
  });
});

describe('plain field templates (the fast path of tables)', () => {
  const table = '{{.ID}}\t{{.Names}}\t{{.State}}';
  it('concatenates string fields', () => {
    expect(render(table, { ID: 'abc', Names: 'web', State: 'running' })).toBe('abc\tweb\trunning');
  });
  it('formats other values as the executor does', () => {
    expect(render('{{.N}} {{.L}}', { N: 3, L: ['a', 'b'] })).toBe('3 [a b]');
    expect(render('{{.Labels}}', { Labels: { b: '2', a: '1' } })).toBe('map[a:1 b:2]');
  });
  it('matches field names without regard to case, as for Go struct fields', () => {
    expect(render('{{.id}}', { Id: 'x' })).toBe('x');
  });
  it('prints a missing key as Go prints a missing map key', () => {
    expect(render('{{.ID}} {{.Nope}}', { ID: 'a' })).toBe('a <no value>');
  });
});
