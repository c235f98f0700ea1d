import { type JsonSchema, jsonResponse, problemResponse, schemaRef, text } from '@rapport/core';
import { DEFAULT_RETURN_TO } from '../auth/oidc/return-to.js';
import type { Json } from './openapi-parts.js';

/** The schema of `GET /api/auth/methods`. */
export const SIGN_IN_METHODS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    password: { const: true, description: 'E-mail and password at POST /api/auth/sign-in.' },
    oidc: {
      anyOf: [
        {
          type: 'object',
          properties: {
            name: { ...text(1_000), description: 'The provider, as the button names it.' },
            start: { ...text(100), description: 'Where the browser goes to sign in with the provider.' },
          },
          required: ['name', 'start'],
          additionalProperties: false,
        },
        { type: 'null' },
      ],
      description: 'Sign-in with an OpenID Connect provider, when one is configured.',
    },
  },
  required: ['password', 'oidc'],
  additionalProperties: false,
};

const LOCATION = (description: string) => ({ Location: { description, schema: text(4_000) } });
const SET_COOKIE = (description: string) => ({ 'Set-Cookie': { description, schema: text(4_000) } });

/** `GET /api/auth/methods` (with the users plugin). */
export function signInMethodsPath(): Json {
  return {
    '/api/auth/methods': {
      get: {
        operationId: 'signInMethods',
        tags: ['auth'],
        summary: 'How people may sign in here (the sign-in page asks before anyone is signed in)',
        security: [],
        responses: { '200': jsonResponse('The sign-in methods.', schemaRef('SignInMethods')) },
      },
    },
  };
}

/** The provider sign-in's two routes (with an `oidc` option). */
export function oidcPaths(): Json {
  const refused = {
    '303': {
      description:
        'Refused, for a browser (Accept: text/html): to the console sign-in page with ?signInError=OIDC_FAILED|SIGN_IN_REFUSED and &reason=.',
      headers: LOCATION('The console sign-in page with the error.'),
    },
    '401': problemResponse('OIDC_FAILED: the flow cookie, state, nonce or code did not check out.'),
    '403': problemResponse(
      'SIGN_IN_REFUSED: details.reason no-email, email-unverified, no-account (users are not created) or inactive.',
    ),
  };
  return {
    '/api/auth/oidc/start': {
      get: {
        operationId: 'oidcStart',
        tags: ['auth'],
        summary: 'Start signing in with the OpenID Connect provider: redirects there',
        security: [],
        parameters: [
          {
            name: 'returnTo',
            in: 'query',
            required: false,
            description: `A path on this server to return to once signed in (default ${DEFAULT_RETURN_TO}); another site is refused.`,
            schema: text(1_000),
          },
        ],
        responses: {
          '302': {
            description: "To the provider's authorization endpoint (code flow, PKCE S256, state, nonce).",
            headers: {
              ...LOCATION("The provider's authorization URL."),
              ...SET_COOKIE(
                'The signed flow cookie (HttpOnly; SameSite=Lax; Path=/; 10 minutes; __Host- and Secure over https).',
              ),
            },
          },
          '400': problemResponse('returnTo is not a path on this server.'),
          '503': problemResponse('The provider could not be reached.'),
        },
      },
    },
    '/api/auth/oidc/callback': {
      get: {
        operationId: 'oidcCallback',
        tags: ['auth'],
        summary: 'Where the provider sends the browser back: signs in and redirects to returnTo',
        security: [],
        parameters: ['code', 'state', 'error', 'error_description', 'iss'].map((name) => ({
          name,
          in: 'query',
          required: false,
          description: 'Set by the provider.',
          schema: text(4_000),
        })),
        responses: {
          '302': {
            description:
              'Signed in: to the return path, with the session cookie (as after password sign-in).',
            headers: {
              ...LOCATION('The return path of the flow.'),
              ...SET_COOKIE('The session cookie, and the flow cookie cleared.'),
            },
          },
          ...refused,
          '429': {
            ...problemResponse('Too many failed provider sign-ins from this client.'),
            headers: { 'Retry-After': { description: 'Seconds until another attempt.', schema: text(20) } },
          },
          '503': problemResponse('The provider could not be reached.'),
        },
      },
    },
  };
}
