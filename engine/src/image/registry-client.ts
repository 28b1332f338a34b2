// A client for one registry over the OCI distribution API, on Node's http (registry-http.ts):
//   GET /v2/ (ping: picks https or, where allowed, http, and learns the auth challenge),
//   GET /v2/<repo>/manifests/<ref>, GET /v2/<repo>/blobs/<digest> (redirects followed by hand so
//   that the Authorization header never goes to another host, e.g. a CDN or S3).
// Uploads (registry-upload.ts) go through the same authorised `send`.
// HTTPS comes first; plain HTTP only when the source is insecure (registries.conf, loopback,
// --tls-verify=false), which also skips certificate verification.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Credentials } from '../config/registry-credentials.js';
import { BERTH_VERSION } from '../system/build-info.js';
import { log } from '../util/logger.js';
import {
  DigestMismatchError,
  ImageError,
  ManifestUnknownError,
  MalformedContentError,
  RegistryAuthError,
  RegistryUnreachableError,
} from './image-errors.js';
import { MANIFEST_ACCEPT } from './media-types.js';
import { RegistryAuthorizer } from './registry-auth.js';
import { HttpTransport, type HttpMethod, type HttpResponse } from './registry-http.js';
import { certificateErrorAdvice, registryTlsOptions } from './registry-tls.js';
import { parseWwwAuthenticate, type AuthChallenge } from './www-authenticate.js';

/** Manifests are small; a bigger answer is an attack or a mistake. */
const MANIFEST_SIZE_LIMIT = 4 * 1024 * 1024;
const MAX_REDIRECTS = 10;

export interface RegistryClientOptions {
  /** host[:port] as written in references (`docker.io` is reached at registry-1.docker.io). */
  registry: string;
  insecure: boolean;
  credentials?: Credentials;
  /** --cert-dir: CA certificates (*.crt) and a client certificate (*.cert + *.key). */
  certDir?: string;
}

export type RegistryMethod = HttpMethod;

export interface SendOptions {
  method?: RegistryMethod;
  headers?: Record<string, string>;
  /** Made anew for each attempt: a retry after a 401 challenge must send the body again. */
  body?: () => Buffer | Readable;
}

export interface FetchedManifest {
  body: Buffer;
  mediaType: string;
  /** sha256 of the body, as we computed it. */
  digest: string;
}

export interface BlobResponse {
  stream: Readable;
  /** Content-Length when the server sent one. */
  size?: number;
}

interface RegistryErrorBody {
  errors?: { code?: string; message?: string }[];
}

/** The host a registry name is served from. */
export function registryEndpointHost(registry: string): string {
  return registry === 'docker.io' ? 'registry-1.docker.io' : registry;
}

function describeNetworkError(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  const message = e.cause?.message ?? e.message ?? String(error);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}

export class RegistryClient {
  readonly registry: string;
  private readonly insecure: boolean;
  private readonly transport: HttpTransport;
  private readonly authorizer: RegistryAuthorizer;
  private readonly userAgent = `berth/${BERTH_VERSION}`;
  private baseUrl: string | undefined;
  private challenge: AuthChallenge | undefined;
  private pinging: Promise<void> | undefined;

  constructor(options: RegistryClientOptions) {
    this.registry = options.registry;
    this.insecure = options.insecure;
    this.transport = new HttpTransport({
      insecure: options.insecure,
      tls: registryTlsOptions(options.registry, options.certDir),
    });
    this.authorizer = new RegistryAuthorizer(
      options.registry,
      options.credentials,
      this.transport,
      this.userAgent,
    );
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  /** GET /v2/ over https, then http where insecure is allowed; remembers what worked. */
  ping(): Promise<void> {
    this.pinging ??= this.doPing().catch((error: unknown) => {
      this.pinging = undefined;
      throw error;
    });
    return this.pinging;
  }

  private async doPing(): Promise<void> {
    const host = registryEndpointHost(this.registry);
    const schemes = this.insecure ? ['https', 'http'] : ['https'];
    let lastError: unknown;
    for (const scheme of schemes) {
      const url = `${scheme}://${host}/v2/`;
      try {
        const res = await this.transport.request(url, {
          method: 'GET',
          headers: { 'user-agent': this.userAgent },
        });
        await res.body.dump();
        if (res.statusCode === 401) {
          const header = res.headers['www-authenticate'];
          const text = Array.isArray(header) ? header.join(', ') : (header ?? '');
          this.challenge = parseWwwAuthenticate(text)[0];
        } else if (res.statusCode !== 200 && res.statusCode !== 404) {
          // 404: some registries serve no /v2/ root; requests may still work.
          throw new RegistryUnreachableError(
            `pinging container registry ${this.registry}: HTTP ${res.statusCode} from ${url}: is this a container registry?`,
          );
        }
        this.baseUrl = `${scheme}://${host}`;
        log.debug(`registry ${this.registry} answers at ${this.baseUrl}`);
        return;
      } catch (error) {
        if (error instanceof ImageError) throw error;
        // A certificate we cannot verify is no reason to try plain HTTP (insecure never verifies).
        const advice = certificateErrorAdvice(error, this.registry);
        if (advice)
          throw new RegistryUnreachableError(`pinging container registry ${this.registry}: ${advice}`, {
            cause: error,
          });
        lastError = error;
        log.debug(`pinging ${url}: ${describeNetworkError(error)}`);
      }
    }
    const hint = this.insecure
      ? 'check that the registry is running and the address is right'
      : 'check that the registry is running and serves HTTPS, or use --tls-verify=false (or insecure = true in registries.conf) for a plain-HTTP registry';
    throw new RegistryUnreachableError(
      `pinging container registry ${this.registry}: ${describeNetworkError(lastError)}: ${hint}`,
      { cause: lastError },
    );
  }

  /**
   * Checks the credentials the client was made with, as `login` does: GET /v2/ answered with
   * them (Basic), or with a token the realm issues for them (Bearer). Throws RegistryAuthError
   * when they are refused.
   */
  async checkCredentials(): Promise<void> {
    await this.ping();
    if (!this.challenge) return; // the registry asks for no authentication at all
    const auth = await this.authorizer.authorize(this.challenge, '');
    const res = await this.follow(
      `${this.baseUrl}/v2/`,
      { 'user-agent': this.userAgent, authorization: auth },
      'GET',
    );
    await res.body.dump();
    if (res.statusCode === 401 || res.statusCode === 403) throw this.authorizer.loginNeeded('');
  }

  /**
   * One authorised request to a path under the registry (or an absolute upload URL it gave):
   * answers a 401 challenge once, follows redirects for GET and HEAD (without credentials when
   * the host changes). The caller consumes or dumps the body.
   */
  async send(target: string, scope: string, options: SendOptions = {}): Promise<HttpResponse> {
    await this.ping();
    const method = options.method ?? 'GET';
    const url = new URL(target, this.baseUrl);
    let auth = this.authorizer.cached(scope);
    if (!auth && this.challenge) auth = await this.authorizer.authorize(this.challenge, scope);
    for (let attempt = 0; ; attempt++) {
      const headers = {
        ...options.headers,
        'user-agent': this.userAgent,
        ...(auth ? { authorization: auth } : {}),
      };
      const res =
        method === 'GET' || method === 'HEAD'
          ? await this.follow(url.href, headers, method)
          : await this.direct(url, headers, method, options.body?.());
      if (res.statusCode !== 401 || attempt > 0) return res;
      // The registry wants (other) credentials for this scope: take its challenge and retry once.
      await res.body.dump();
      const header = res.headers['www-authenticate'];
      const challenge = parseWwwAuthenticate(Array.isArray(header) ? header.join(', ') : (header ?? ''))[0];
      if (!challenge) throw this.authorizer.loginNeeded(scope);
      this.challenge = challenge;
      auth = await this.authorizer.authorize(challenge, scope);
    }
  }

  /** A request that changes something (uploads): never redirected, credentials for our host only. */
  private async direct(
    url: URL,
    headers: Record<string, string>,
    method: RegistryMethod,
    body: Buffer | Readable | undefined,
  ): Promise<HttpResponse> {
    const sendHeaders = { ...headers };
    if (url.host !== new URL(this.baseUrl!).host) delete sendHeaders.authorization;
    try {
      return await this.transport.request(url, { method, headers: sendHeaders, body });
    } catch (error) {
      throw new RegistryUnreachableError(
        `${method} ${url.host}${url.pathname} for ${this.registry}: ${describeNetworkError(error)}: check your network and retry`,
        { cause: error },
      );
    }
  }

  private async follow(
    url: string,
    headers: Record<string, string>,
    method: 'GET' | 'HEAD',
  ): Promise<HttpResponse> {
    let current = new URL(url);
    const origin = current.host;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const sendHeaders = { ...headers };
      if (current.host !== origin) delete sendHeaders.authorization;
      let res: HttpResponse;
      try {
        res = await this.transport.request(current, { method, headers: sendHeaders });
      } catch (error) {
        throw new RegistryUnreachableError(
          `${method} ${current.host}${current.pathname} for ${this.registry}: ${describeNetworkError(error)}: check your network and retry`,
          { cause: error },
        );
      }
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(res.statusCode) && typeof location === 'string') {
        await res.body.dump();
        const next = new URL(location, current);
        if (next.protocol !== 'https:' && next.protocol !== 'http:')
          throw new RegistryUnreachableError(
            `registry ${this.registry} redirected to unsupported URL scheme ${next.protocol}`,
          );
        if (next.protocol === 'http:' && current.protocol === 'https:' && !this.insecure)
          throw new RegistryUnreachableError(
            `registry ${this.registry} redirected from HTTPS to plain HTTP (${next.host}); refusing: use --tls-verify=false if you trust it`,
          );
        current = next;
        continue;
      }
      return res;
    }
    throw new RegistryUnreachableError(
      `registry ${this.registry}: more than ${MAX_REDIRECTS} redirects for ${url}`,
    );
  }

  /** The error for an unexpected answer, with the registry's own explanation when it gave one. */
  async failure(res: HttpResponse, what: string, scope: string): Promise<ImageError> {
    let detail = '';
    try {
      const text = await res.body.text();
      const parsed = JSON.parse(text) as RegistryErrorBody;
      detail = parsed.errors?.map((e) => e.message ?? e.code).join('; ') ?? '';
    } catch {
      // not a distribution error body
    }
    const suffix = detail ? ` (${detail})` : '';
    if (res.statusCode === 401) {
      const header = res.headers['www-authenticate'];
      const challenge = parseWwwAuthenticate(Array.isArray(header) ? header.join(', ') : (header ?? ''))[0];
      // Accepted credentials whose token lacks an action (push with a pull-only account): saying
      // they were refused would send the user to re-enter a password that is right.
      if (challenge?.params.error === 'insufficient_scope' && this.authorizer.hasCredentials)
        return new RegistryAuthError(
          `${what}: ${this.registry} denied access (${scope}) for the credentials used: they are valid but do not grant it: ` +
            `log in as a user who has this access, or ask the registry's administrator for it`,
        );
      return this.authorizer.loginNeeded(scope);
    }
    if (res.statusCode === 403)
      return new RegistryAuthError(
        `${what}: access denied by ${this.registry}${suffix}: check that you may pull it and that you are logged in`,
      );
    if (res.statusCode === 404)
      return new ManifestUnknownError(
        `${what}: not found on ${this.registry}${suffix}: check the name and tag`,
      );
    if (res.statusCode === 429)
      return new ImageError(
        `${what}: ${this.registry} is rate-limiting requests (HTTP 429)${suffix}: wait and retry, or log in`,
      );
    return new ImageError(`${what}: ${this.registry} answered HTTP ${res.statusCode}${suffix}: retry later`);
  }

  /** Fetches a manifest or index by tag or digest; verifies it when asked by digest. */
  async getManifest(repository: string, reference: string): Promise<FetchedManifest> {
    const scope = `repository:${repository}:pull`;
    const what = `reading manifest ${reference} in ${this.registry}/${repository}`;
    const res = await this.send(`/v2/${repository}/manifests/${reference}`, scope, {
      headers: { accept: MANIFEST_ACCEPT.join(', ') },
    });
    if (res.statusCode !== 200) throw await this.failure(res, what, scope);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MANIFEST_SIZE_LIMIT) {
        res.body.destroy();
        throw new MalformedContentError(
          `${what}: the manifest is larger than ${MANIFEST_SIZE_LIMIT} bytes; refusing it`,
        );
      }
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks);
    const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    if (reference.includes(':') && reference !== digest)
      throw new DigestMismatchError(
        `${what}: the registry sent content with digest ${digest}: the manifest was corrupted or tampered with on the way; retry, and report it if it persists`,
      );
    const contentType = res.headers['content-type'];
    const mediaType =
      (Array.isArray(contentType) ? contentType[0] : contentType)?.split(';')[0]?.trim() ?? '';
    return { body, mediaType, digest };
  }

  /** Opens a blob for streaming; the caller verifies its digest while reading. */
  async getBlob(repository: string, digest: string): Promise<BlobResponse> {
    const scope = `repository:${repository}:pull`;
    const res = await this.send(`/v2/${repository}/blobs/${digest}`, scope);
    if (res.statusCode !== 200)
      throw await this.failure(res, `fetching blob ${digest} of ${this.registry}/${repository}`, scope);
    const length = Number(res.headers['content-length']);
    return { stream: res.body, size: Number.isFinite(length) ? length : undefined };
  }
}
