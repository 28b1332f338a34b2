// The build benchmarks' context: a 6-step Containerfile FROM the fixture busybox (two RUNs, two
// COPYs, an ENV and a CMD, so both file and config-only steps count) and the files it copies.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeBuildContext(dir: string, image: string): void {
  mkdirSync(path.join(dir, 'site'), { recursive: true });
  for (let i = 0; i < 20; i++)
    writeFileSync(path.join(dir, 'site', `page${i}.html`), `<p>page ${i}</p>\n`.repeat(50));
  writeFileSync(path.join(dir, 'app.sh'), '#!/bin/sh\necho app\n', { mode: 0o755 });
  writeFileSync(
    path.join(dir, 'Containerfile'),
    [
      `FROM ${image}`,
      'ENV APP_HOME=/srv/app',
      'COPY site /srv/app/site',
      'RUN mkdir -p /srv/app/logs && echo built > /srv/app/built.txt',
      'COPY app.sh /srv/app/app.sh',
      'RUN ls /srv/app/site | wc -l > /srv/app/count.txt',
      'CMD ["/srv/app/app.sh"]',
      '',
    ].join('\n'),
  );
}
