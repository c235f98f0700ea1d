import { OidcClient } from './oidc-client.js';
import { type OidcOptions, type OidcSettings, oidcSettings } from './oidc-options.js';

/** OpenID Connect sign-in of one server: its settings and its client of the provider. */
export interface OidcSignIn {
  settings: OidcSettings;
  client: OidcClient;
}

/** The OIDC sign-in of a (checked) `oidc` option; the provider is discovered at the first sign-in. */
export function createOidcSignIn(options: OidcOptions): OidcSignIn {
  const settings = oidcSettings(options);
  return { settings, client: new OidcClient(settings) };
}
