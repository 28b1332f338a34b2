// The pods domain: list, inspect, create, remove and the pod verbs (each works on all of the
// pod's containers, the infra container first at start and last at stop), and the merged logs of
// the pod's containers.
import { z } from 'zod';
import { CONTAINER_NAME_PATTERN, PORT_SPEC_PATTERN } from './container-contract.js';
import { call, defineDomain, returns, stream } from './contract-spec.js';
import type { PodInspect, PodLogLine, PodSummary } from './pod-types.js';

/** podman's rule for pod names: the containers' rule. */
export const POD_NAME_PATTERN = CONTAINER_NAME_PATTERN;

/** A name, full ID or unique ID prefix, as the CLI accepts them. */
const podRef = z.string().min(1).max(256);
const podInput = z.object({ pod: podRef }).strict();
const stopTimeout = z.number().int().min(0).max(3600).optional();

export const podCreateInput = z
  .object({
    name: z
      .string()
      .max(253)
      .regex(POD_NAME_PATTERN, 'use letters, digits, "_", "." and "-", starting with a letter or digit')
      .optional(),
    /** Published on the pod's infra container, so every member shares them. */
    ports: z
      .array(z.string().max(100).regex(PORT_SPEC_PATTERN, 'use [ip:][hostPort:]containerPort[/tcp|udp]'))
      .max(256)
      .default([]),
    labels: z.record(z.string().min(1).max(256), z.string().max(4096)).default({}),
  })
  .strict();

export const podContract = defineDomain('pods', {
  calls: {
    /** Every pod, newest first; with `pods`, only those (names or IDs; missing ones left out). */
    'pods.list': call(
      z.object({ pods: z.array(podRef).max(1000).optional() }).strict(),
      returns<PodSummary[]>(),
    ),
    'pods.inspect': call(podInput, returns<PodInspect>()),
    /** A pod with its infra container (holding the shared namespaces and the published ports). */
    'pods.create': call(podCreateInput, returns<PodSummary>()),
    'pods.start': call(podInput, returns<PodSummary>()),
    /** Stops every container of the pod; `timeout` seconds before SIGKILL (each container's own by default). */
    'pods.stop': call(z.object({ pod: podRef, timeout: stopTimeout }).strict(), returns<PodSummary>()),
    'pods.restart': call(z.object({ pod: podRef, timeout: stopTimeout }).strict(), returns<PodSummary>()),
    'pods.pause': call(podInput, returns<PodSummary>()),
    'pods.unpause': call(podInput, returns<PodSummary>()),
    'pods.kill': call(
      z
        .object({
          pod: podRef,
          signal: z
            .string()
            .regex(/^(SIG)?[A-Z0-9+-]{1,16}$|^\d{1,2}$/)
            .default('KILL'),
        })
        .strict(),
      returns<PodSummary>(),
    ),
    /** The pod and all its containers; a pod with running containers only with `force`. */
    'pods.remove': call(
      z.object({ pod: podRef, force: z.boolean().default(false) }).strict(),
      returns<{ id: string }>(),
    ),
  },
  streams: {
    /**
     * The logs of the pod's containers (the infra container's aside) merged, each line naming its
     * container: the last `tail` lines of each, then, with `follow`, new lines as they are written
     * until every container has exited. `container` keeps one member only.
     */
    'pods.logs': stream(
      z
        .object({
          pod: podRef,
          container: z.string().min(1).max(256).optional(),
          tail: z.number().int().min(-1).max(10_000_000).default(-1),
          follow: z.boolean().default(true),
        })
        .strict(),
      returns<PodLogLine>(),
    ),
  },
});
