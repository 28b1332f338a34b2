import { describe, expect, it } from 'vitest';
import { applyChanges } from './config-changes.js';

describe('applyChanges (--change)', () => {
  it('accepts both INSTRUCTION=VALUE and INSTRUCTION VALUE, JSON and shell forms', () => {
    expect(
      applyChanges({ Env: ['A=0'] }, [
        'CMD=["/bin/sh"]',
        'ENTRYPOINT echo hi',
        'ENV A=1 B="two words"',
        'EXPOSE 80 53/udp',
        'LABEL org.example=yes',
        'WORKDIR /srv',
        'USER 1000',
        'VOLUME ["/data"]',
        'STOPSIGNAL SIGINT',
      ]),
    ).toEqual({
      Cmd: ['/bin/sh'],
      Entrypoint: ['/bin/sh', '-c', 'echo hi'],
      Env: ['A=1', 'B=two words'],
      ExposedPorts: { '80/tcp': {}, '53/udp': {} },
      Labels: { 'org.example': 'yes' },
      WorkingDir: '/srv',
      User: '1000',
      Volumes: { '/data': {} },
      StopSignal: 'SIGINT',
    });
  });

  it('refuses instructions that are not config changes, and malformed JSON forms', () => {
    expect(() => applyChanges({}, ['RUN rm -rf /'])).toThrow(/invalid change "RUN rm -rf \/"/);
    expect(() => applyChanges({}, ['CMD ["unterminated'])).toThrow(/array of strings/);
  });
});
