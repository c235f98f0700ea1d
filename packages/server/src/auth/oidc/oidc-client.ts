import * as client from 'openid-client';
import { HttpProblem } from '../../http/problem.js';
import type { OidcFlow } from './flow-cookie.js';
import { isLoopbackHttp, type OidcSettings } from './oidc-options.js';

/** What the provider says about the person who signed in: the ID token's claims, with the userinfo's. */
export type OidcClaims = Record<string, unknown> & { sub: string };

/**
 * What went wrong, from `openid-client`'s error and the check under it (`invalid response
 * encountered: unexpected "state" response parameter value`), or the provider's own error.
 */
function reasonOf(error: unknown): string {
  const messages: string[] = [];
  for (let at = error, depth = 0; at instanceof Error && depth < 3; at = at.cause, depth++) {
    const described =
      (at as { error_description?: unknown; error?: unknown }).error_description ??
      (at as { error?: unknown }).error;
    messages.push(typeof described === 'string' ? `${at.message} (${described})` : at.message);
  }
  return messages.join(': ') || String(error);
}

/** A fresh flow's secrets and the URL that sends the browser to the provider. */
export interface StartedFlow {
  url: URL;
  flow: Omit<OidcFlow, 'returnTo' | 'expiresAt'>;
}

/**
 * The relying party of one provider, on `openid-client`: discovers the provider on first use (and
 * again after a failed discovery), builds authorization URLs (code flow, PKCE S256, state, nonce)
 * and redeems callbacks, checking state, nonce, issuer, audience and the ID token's signature.
 * An `http:` issuer is accepted only on this machine.
 */
export class OidcClient {
  readonly #settings: OidcSettings;
  #config: Promise<client.Configuration> | undefined;

  constructor(settings: OidcSettings) {
    this.#settings = settings;
  }

  #configuration(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.#settings;
    this.#config ??= client
      .discovery(
        new URL(issuer),
        clientId,
        clientSecret,
        clientSecret === undefined ? client.None() : client.ClientSecretBasic(clientSecret),
        isLoopbackHttp(new URL(issuer)) ? { execute: [client.allowInsecureRequests] } : {},
      )
      .catch((cause: unknown) => {
        this.#config = undefined;
        throw new HttpProblem(
          'UNAVAILABLE',
          `the sign-in provider ${issuer} could not be reached: ${(cause as Error).message}`,
          { cause },
        );
      });
    return this.#config;
  }

  /** A new flow (random state, nonce and PKCE verifier) and the provider URL it starts at. */
  async start(): Promise<StartedFlow> {
    const config = await this.#configuration();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.#settings.redirectUri,
      scope: this.#settings.scopes.join(' '),
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, flow: { state, nonce, verifier } };
  }

  /**
   * Redeems the callback's query (`code`, `state`, or the provider's `error`) for the person's
   * claims; a claim the ID token lacks (e-mail, groups) is read from the userinfo endpoint. Any
   * mismatch or refusal is a 401 `OIDC_FAILED` saying what did not match.
   */
  async finish(search: string, flow: OidcFlow): Promise<OidcClaims> {
    const config = await this.#configuration();
    const callback = new URL(this.#settings.redirectUri);
    callback.search = search;
    try {
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims() as OidcClaims | undefined;
      if (!claims) throw new Error('the provider answered without an ID token');
      const wanted = ['email', 'email_verified', this.#settings.groupsClaim];
      const missing = wanted.some((name) => claims[name] === undefined);
      if (!missing || !config.serverMetadata().userinfo_endpoint) return claims;
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      return { ...info, ...claims };
    } catch (cause) {
      if (cause instanceof HttpProblem) throw cause;
      throw new HttpProblem(
        'OIDC_FAILED',
        `the sign-in at the provider did not complete: ${reasonOf(cause)}`,
        {
          cause,
        },
      );
    }
  }
}
