// The Kubernetes objects `kube play` understands, as zod schemas of the fields it uses. Field
// names and types are the Kubernetes API's (core/v1, apps/v1); fields it does not use are
// accepted and dropped, so YAML from podman, kubectl or Helm plays without edits.
import { z } from 'zod';

const name = z.string().min(1, 'must not be empty');
const stringMap = z.record(z.string(), z.string());
const port = z.number().int().min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535');
/** A Kubernetes quantity (`64Mi`, `500m`, `0.5`, or a bare number). */
const quantity = z.union([z.string(), z.number()]);

export const metadataSchema = z.object({
  name,
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});

const keyRef = z.object({ name, key: name, optional: z.boolean().optional() });
const objectRef = z.object({ name, optional: z.boolean().optional() });

export const envVarSchema = z.object({
  name,
  value: z.string().optional(),
  valueFrom: z
    .object({
      configMapKeyRef: keyRef.optional(),
      secretKeyRef: keyRef.optional(),
      fieldRef: z.object({ fieldPath: name }).optional(),
    })
    .optional(),
});

export const envFromSchema = z.object({
  prefix: z.string().optional(),
  configMapRef: objectRef.optional(),
  secretRef: objectRef.optional(),
});

export const containerPortSchema = z.object({
  containerPort: port,
  hostPort: port.optional(),
  hostIP: z.string().optional(),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
  name: z.string().optional(),
});

export const volumeMountSchema = z.object({
  name,
  mountPath: z.string().startsWith('/', 'must be an absolute path'),
  readOnly: z.boolean().optional(),
  subPath: z.string().optional(),
});

const capabilityList = z.array(z.string()).optional();

export const securityContextSchema = z.object({
  privileged: z.boolean().optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
  allowPrivilegeEscalation: z.boolean().optional(),
  runAsUser: z.number().int().min(0).optional(),
  runAsGroup: z.number().int().min(0).optional(),
  capabilities: z.object({ add: capabilityList, drop: capabilityList }).optional(),
});

export const containerSchema = z.object({
  name,
  image: name,
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  env: z.array(envVarSchema).optional(),
  envFrom: z.array(envFromSchema).optional(),
  ports: z.array(containerPortSchema).optional(),
  volumeMounts: z.array(volumeMountSchema).optional(),
  resources: z
    .object({
      limits: z.object({ memory: quantity.optional(), cpu: quantity.optional() }).optional(),
      requests: z.object({ memory: quantity.optional(), cpu: quantity.optional() }).optional(),
    })
    .optional(),
  securityContext: securityContextSchema.optional(),
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
  tty: z.boolean().optional(),
  stdin: z.boolean().optional(),
});

const keyToPath = z.array(z.object({ key: name, path: name }));

export const volumeSchema = z.object({
  name,
  hostPath: z
    .object({
      path: z.string().startsWith('/', 'must be an absolute path'),
      type: z
        .enum([
          '',
          'DirectoryOrCreate',
          'Directory',
          'FileOrCreate',
          'File',
          'Socket',
          'CharDevice',
          'BlockDevice',
        ])
        .optional(),
    })
    .optional(),
  persistentVolumeClaim: z.object({ claimName: name, readOnly: z.boolean().optional() }).optional(),
  configMap: z.object({ name, items: keyToPath.optional(), optional: z.boolean().optional() }).optional(),
  secret: z
    .object({ secretName: name, items: keyToPath.optional(), optional: z.boolean().optional() })
    .optional(),
  emptyDir: z.object({ medium: z.string().optional() }).optional(),
});

export const podSpecSchema = z.object({
  containers: z.array(containerSchema).min(1, 'a pod needs at least one container'),
  initContainers: z.array(z.unknown()).optional(),
  volumes: z.array(volumeSchema).optional(),
  restartPolicy: z.enum(['Always', 'OnFailure', 'Never']).optional(),
  hostname: z.string().optional(),
  hostNetwork: z.boolean().optional(),
  terminationGracePeriodSeconds: z.number().int().min(0).optional(),
  securityContext: z
    .object({ runAsUser: z.number().int().min(0).optional(), runAsGroup: z.number().int().min(0).optional() })
    .optional(),
});

export const podSchema = z.object({
  apiVersion: z.literal('v1'),
  kind: z.literal('Pod'),
  metadata: metadataSchema,
  spec: podSpecSchema,
});

export const deploymentSchema = z.object({
  apiVersion: z.literal('apps/v1'),
  kind: z.literal('Deployment'),
  metadata: metadataSchema,
  spec: z.object({
    replicas: z.number().int().min(0).optional(),
    template: z.object({
      metadata: z.object({ labels: stringMap.optional(), annotations: stringMap.optional() }).optional(),
      spec: podSpecSchema,
    }),
  }),
});

export const configMapSchema = z.object({
  apiVersion: z.literal('v1'),
  kind: z.literal('ConfigMap'),
  metadata: metadataSchema,
  data: stringMap.optional(),
  binaryData: stringMap.optional(),
});

export const secretSchema = z.object({
  apiVersion: z.literal('v1'),
  kind: z.literal('Secret'),
  metadata: metadataSchema,
  data: stringMap.optional(),
  stringData: stringMap.optional(),
});

export const persistentVolumeClaimSchema = z.object({
  apiVersion: z.literal('v1'),
  kind: z.literal('PersistentVolumeClaim'),
  metadata: metadataSchema,
});

/** Services describe how a cluster routes to pods: nothing for a single host to do. */
export const serviceSchema = z.object({
  apiVersion: z.literal('v1'),
  kind: z.literal('Service'),
  metadata: metadataSchema,
});

export const KIND_SCHEMAS = {
  Pod: podSchema,
  Deployment: deploymentSchema,
  ConfigMap: configMapSchema,
  Secret: secretSchema,
  PersistentVolumeClaim: persistentVolumeClaimSchema,
  Service: serviceSchema,
} as const;

export type KubeKind = keyof typeof KIND_SCHEMAS;
export type KubePod = z.infer<typeof podSchema>;
export type KubeDeployment = z.infer<typeof deploymentSchema>;
export type KubeConfigMap = z.infer<typeof configMapSchema>;
export type KubeSecret = z.infer<typeof secretSchema>;
export type KubePersistentVolumeClaim = z.infer<typeof persistentVolumeClaimSchema>;
export type KubeService = z.infer<typeof serviceSchema>;
export type KubePodSpec = z.infer<typeof podSpecSchema>;
export type KubeContainer = z.infer<typeof containerSchema>;
export type KubeVolume = z.infer<typeof volumeSchema>;
export type KubeEnvVar = z.infer<typeof envVarSchema>;

export type KubeObject =
  KubePod | KubeDeployment | KubeConfigMap | KubeSecret | KubePersistentVolumeClaim | KubeService;
