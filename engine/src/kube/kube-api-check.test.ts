import { describe, expect, it } from 'vitest';
import { checkKubernetesObject } from './kube-api-check.js';

function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'web' }) {
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

describe('checkKubernetesObject', () => {
  it('accepts a valid Pod and Service', () => {
    expect(
      checkKubernetesObject(
        pod({
          containers: [
            {
              name: 'web',
              image: 'busybox',
              ports: [{ containerPort: 80, hostPort: 8080 }],
              volumeMounts: [{ name: 'data-pvc', mountPath: '/data' }],
              resources: { limits: { memory: '64Mi', cpu: '500m' } },
            },
          ],
          volumes: [{ name: 'data-pvc', persistentVolumeClaim: { claimName: 'data' } }],
          restartPolicy: 'Always',
        }),
      ),
    ).toEqual([]);
    expect(
      checkKubernetesObject({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web' },
        spec: {
          type: 'NodePort',
          selector: { app: 'web' },
          ports: [{ name: '80', port: 80, nodePort: 30080, targetPort: 80 }],
        },
      }),
    ).toEqual([]);
  });

  it('reports what the API server would refuse', () => {
    const problems = checkKubernetesObject(
      pod(
        {
          containers: [
            { name: 'Web_1', image: 'busybox', volumeMounts: [{ name: 'nope', mountPath: '/x' }], bogus: 1 },
            { name: 'b', image: 'busybox', ports: [{ containerPort: 0 }] },
          ],
          restartPolicy: 'Sometimes',
        },
        {
          name: 'web',
          annotations: { 'io.kubernetes.cri-o.TTY/web': 'false' },
          labels: { app: 'has space' },
        },
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^metadata\.labels\[app\]: "has space" is not a valid label value/),
        expect.stringMatching(/^metadata\.annotations\[io\.kubernetes\.cri-o\.TTY\/web\]: key prefix/),
        expect.stringMatching(/^spec\.containers\[0\]\.name: "Web_1" must be a DNS-1123 label/),
        'spec.containers[0].bogus: unknown field in Container',
        'spec.containers[0].volumeMounts[0].name: Not found: "nope"',
        'spec.containers[1].ports[0].containerPort: must be an integer between 1 and 65535',
        expect.stringMatching(/^spec\.restartPolicy: Unsupported value "Sometimes"/),
      ]),
    );
    expect(problems).toHaveLength(7);
  });
});
