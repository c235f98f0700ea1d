import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/** A person the local provider knows: the claims it vouches for. */
export interface ProviderPerson {
  email: string;
  email_verified: boolean;
  name?: string;
  groups?: string[];
}

/** A real OpenID provider (`oidc-provider`) on 127.0.0.1 at a random port, for sign-in tests. */
export interface LocalProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The people who may sign in, by account id (change them between sign-ins). */
  people: Map<string, ProviderPerson>;
  /**
   * Plays the browser at the provider: follows `authorizeUrl` through login (as `accountId`) and
   * consent, with the provider's cookies, until the provider redirects to the client's redirect
   * URI; returns that callback URL (with `code`, `state` and `iss`).
   */
  signIn(authorizeUrl: string, accountId: string): Promise<URL>;
  close(): Promise<void>;
}

/** A tiny cookie jar for one host: names and values, as a browser would send them back. */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  take(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(header)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Starts a provider with one confidential client (`client_secret_basic`, PKCE S256 required)
 * whose redirect URI is `redirectUri`. Login and consent are plain HTTP: the interaction URL with
 * `?login=<account id>` logs that person in (without it, a browser gets a form asking for it), and
 * consent is granted for what was asked. With
 * `claimsInIdToken: false` (the default, as most providers do) the e-mail and groups come only from
 * the userinfo endpoint.
 */
export async function startLocalProvider(options: {
  redirectUri: string;
  claimsInIdToken?: boolean;
}): Promise<LocalProvider> {
  const people = new Map<string, ProviderPerson>();
  const clientId = 'rapport-console';
  const clientSecret = 'a-client-secret-for-the-local-provider';
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { methods: ['S256'], required: () => true },
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    conformIdTokenClaims: options.claimsInIdToken !== true,
    findAccount: (_ctx, id) => {
      const person = people.get(id);
      return person ? { accountId: id, claims: () => ({ sub: id, ...person }) } : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['local-provider-cookie-key'] },
    jwks: { keys: [{ ...signingKey, kid: 'local', use: 'sig', alg: 'RS256' }] },
  } as Configuration;
  const provider = new Provider(issuer, configuration);
  const handle = provider.callback();
  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (!url.pathname.startsWith('/interaction/')) return void handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        const accountId = url.searchParams.get('login');
        if (accountId === null) {
          // A person at a browser: the login form, which submits back here with ?login=.
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.end(
            '<!doctype html><title>Local provider</title><form method="get">' +
              '<label>Account <input name="login" autocomplete="off"></label>' +
              '<button type="submit">Continue</button></form>',
          );
          return;
        }
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const grant = new provider.Grant({
        accountId: details.session?.accountId as string,
        clientId: details.params.client_id as string,
      });
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    })().catch((error: Error) => {
      res.statusCode = 500;
      res.end(error.message);
    });
  });

  const signIn = async (authorizeUrl: string, accountId: string): Promise<URL> => {
    const jar = new CookieJar();
    let url = new URL(authorizeUrl);
    for (let hop = 0; hop < 12; hop++) {
      const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      jar.take(response);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        throw new Error(
          `the provider answered ${response.status} at ${url.pathname}: ${await response.text()}`,
        );
      }
      url = new URL(location, url);
      if (url.href.startsWith(options.redirectUri)) return url;
      if (url.pathname.startsWith('/interaction/')) url.searchParams.set('login', accountId);
    }
    throw new Error('the provider redirected more than 12 times');
  };

  return {
    issuer,
    clientId,
    clientSecret,
    people,
    signIn,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
