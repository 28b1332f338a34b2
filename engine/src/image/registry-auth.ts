// Authorisation for registry requests: Basic, or a Bearer token fetched from the realm a 401
// challenge names (the Docker token protocol, used by Docker Hub, quay.io, ghcr.io, Harbor...).
// Tokens are cached per scope for their lifetime. Credentials never reach logs or messages.
import type { Credentials } from '../config/registry-credentials.js';
import { RegistryAuthError, RegistryUnreachableError } from './image-errors.js';
import type { HttpResponse, HttpTransport } from './registry-http.js';
import type { AuthChallenge } from './www-authenticate.js';

interface CachedToken {
  header: string;
  expiresAt: number;
}

export interface TokenResponse {
  token?: string;
  access_token?: string;
  expires_in?: number;
  refresh_token?: string;
}

export function basicHeader(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

export class RegistryAuthorizer {
  private readonly tokens = new Map<string, CachedToken>();

  constructor(
    private readonly registry: string,
    private readonly credentials: Credentials | undefined,
    private readonly transport: HttpTransport,
    private readonly userAgent: string,
  ) {}

  get hasCredentials(): boolean {
    return this.credentials !== undefined;
  }

  /** The cached Authorization header for a scope, if one is still valid. */
  cached(scope: string): string | undefined {
    const hit = this.tokens.get(scope);
    return hit && hit.expiresAt > Date.now() ? hit.header : undefined;
  }

  /** Answers a challenge for `scope`: returns the Authorization header to retry with. */
  async authorize(challenge: AuthChallenge, scope: string): Promise<string> {
    if (challenge.scheme === 'basic') {
      if (!this.credentials) throw this.loginNeeded(scope);
      const header = basicHeader(this.credentials);
      this.tokens.set(scope, { header, expiresAt: Number.POSITIVE_INFINITY });
      return header;
    }
    if (challenge.scheme !== 'bearer')
      throw new RegistryAuthError(
        `registry ${this.registry} asks for "${challenge.scheme}" authentication, which Berth does not support`,
      );
    const realm = challenge.params.realm;
    if (!realm)
      throw new RegistryAuthError(
        `registry ${this.registry} sent a Bearer challenge without a realm: it is misconfigured`,
      );
    const token = await this.fetchToken(realm, challenge.params.service, scope);
    const value = token.token ?? token.access_token;
    if (!value)
      throw new RegistryAuthError(
        `the token service ${new URL(realm).host} for ${this.registry} returned no token`,
      );
    // Docker's default lifetime is 60 s; renew a little early.
    const lifetime = Math.max(10, token.expires_in ?? 60) * 1000 - 5000;
    const header = `Bearer ${value}`;
    this.tokens.set(scope, { header, expiresAt: Date.now() + lifetime });
    return header;
  }

  loginNeeded(scope: string): RegistryAuthError {
    return new RegistryAuthError(
      `${this.credentials ? 'the credentials were refused' : 'authentication is required'} for ${this.registry} (${scope}): ` +
        'log in with `berth login`, or pass --creds user:password or --authfile',
    );
  }

  private async fetchToken(
    realm: string,
    service: string | undefined,
    scope: string,
  ): Promise<TokenResponse> {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new RegistryAuthError(`registry ${this.registry} named an invalid token realm "${realm}"`);
    }
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    let method: 'GET' | 'POST' = 'GET';
    let body: string | undefined;
    if (this.credentials?.identityToken) {
      // An identity token is an OAuth2 refresh token: exchange it with a POST.
      method = 'POST';
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: this.credentials.identityToken,
        client_id: 'berth',
      });
      if (scope) form.set('scope', scope);
      if (service) form.set('service', service);
      body = form.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else {
      if (service) url.searchParams.set('service', service);
      // One `scope` parameter per scope (a push that mounts asks for two); none for a login check.
      for (const one of scope.split(' ').filter(Boolean)) url.searchParams.append('scope', one);
      if (this.credentials) headers.authorization = basicHeader(this.credentials);
    }
    let res: HttpResponse;
    try {
      res = await this.transport.request(url, { method, headers, body });
    } catch (error) {
      throw new RegistryUnreachableError(
        `fetching a token for ${this.registry} from ${url.host}: ${(error as Error).message}: check your network and the registry's address`,
        { cause: error },
      );
    }
    if (res.statusCode === 401 || res.statusCode === 403) {
      await res.body.dump();
      throw this.loginNeeded(scope);
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new RegistryAuthError(
        `the token service ${url.host} for ${this.registry} answered HTTP ${res.statusCode}: try again later`,
      );
    }
    try {
      return (await res.body.json()) as TokenResponse;
    } catch {
      throw new RegistryAuthError(
        `the token service ${url.host} for ${this.registry} returned a response that is not JSON`,
      );
    }
  }
}
