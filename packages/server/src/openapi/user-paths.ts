import {
  type CompiledEntity,
  dateTime,
  type JsonSchema,
  jsonRequestBody,
  jsonResponse,
  MAX_PAGE_SIZE,
  MAX_PASSWORD_LENGTH,
  problemResponse,
  schemaRef,
  text,
} from '@rapport/core';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { ERRORS, ETAG_HEADER, FIND_PARAMETERS, idParameter, type Json } from './openapi-parts.js';

const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
const CSRF_TOKEN: JsonSchema = {
  type: 'string',
  minLength: 43,
  maxLength: 43,
  description: 'Send it as X-CSRF-Token on every POST, PUT, PATCH and DELETE made with the session cookie.',
};
const PASSWORD_TEXT: JsonSchema = { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH * 4 };
const GENERATED_PASSWORD: JsonSchema = {
  type: 'string',
  minLength: 23,
  maxLength: 23,
  description: 'The generated password, shown this once (present only when one was generated).',
};

/** The schemas of sign-in, `/api/me` and `/api/users`, from the `user` entity (no hash anywhere). */
export function userComponents(entity: CompiledEntity): Record<string, JsonSchema> {
  const p = entity.inputSchema.properties ?? {};
  const profile: Record<string, JsonSchema> = {
    id: text(200),
    name: p.name as JsonSchema,
    email: p.email as JsonSchema,
    roles: p.roles as JsonSchema,
    team: nullable(p.team as JsonSchema),
    language: p.language as JsonSchema,
    timeZone: p.timeZone as JsonSchema,
  };
  const editable = {
    name: p.name as JsonSchema,
    email: p.email as JsonSchema,
    roles: { ...(p.roles as JsonSchema), description: 'Role names the kernel knows, none beyond your own.' },
    team: p.team as JsonSchema,
    language: p.language as JsonSchema,
    timeZone: { ...(p.timeZone as JsonSchema), description: 'IANA name; default: the deployment’s zone.' },
    active: p.active as JsonSchema,
  };
  return {
    UserProfile: {
      type: 'object',
      description: 'A user as they see themselves.',
      properties: profile,
      required: Object.keys(profile),
      additionalProperties: false,
    },
    UserSummary: {
      type: 'object',
      description: 'A user as administrators see them: never the password hash.',
      properties: {
        ...profile,
        active: { type: 'boolean' },
        passwordSet: { type: 'boolean', description: 'Without a password a user cannot sign in.' },
        passwordChangedAt: nullable(dateTime),
        lastSignInAt: nullable(dateTime),
        createdAt: dateTime,
        updatedAt: dateTime,
        version: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      },
      required: [
        ...Object.keys(profile),
        'active',
        'passwordSet',
        'passwordChangedAt',
        'lastSignInAt',
        'createdAt',
        'updatedAt',
        'version',
      ],
      additionalProperties: false,
    },
    UserInput: {
      type: 'object',
      properties: {
        ...editable,
        password: {
          type: 'string',
          maxLength: MAX_PASSWORD_LENGTH,
          description: 'Leave it out to have one generated and answered once.',
        },
      },
      required: ['name', 'email', 'roles'],
      additionalProperties: false,
    },
    UserPatch: {
      type: 'object',
      description: 'A JSON Merge Patch; `team: null` removes the team. Passwords are set at /password.',
      properties: { ...editable, team: nullable(p.team as JsonSchema) },
      additionalProperties: false,
    },
    UserWithPassword: {
      type: 'object',
      properties: { user: schemaRef('UserSummary'), password: GENERATED_PASSWORD },
      required: ['user'],
      additionalProperties: false,
    },
    UserList: {
      type: 'object',
      properties: {
        items: { type: 'array', items: schemaRef('UserSummary'), maxItems: MAX_PAGE_SIZE },
        nextCursor: text(2_000),
      },
      required: ['items'],
      additionalProperties: false,
    },
    SignIn: {
      type: 'object',
      properties: { email: p.email as JsonSchema, password: PASSWORD_TEXT },
      required: ['email', 'password'],
      additionalProperties: false,
    },
    SignedIn: {
      type: 'object',
      properties: { user: schemaRef('UserProfile'), csrfToken: CSRF_TOKEN },
      required: ['user', 'csrfToken'],
      additionalProperties: false,
    },
    PasswordChange: {
      type: 'object',
      properties: { currentPassword: PASSWORD_TEXT, newPassword: PASSWORD_TEXT },
      required: ['currentPassword', 'newPassword'],
      additionalProperties: false,
    },
    PasswordReset: {
      type: 'object',
      description: 'Leave out password (or send no body) to have one generated.',
      properties: { password: { type: 'string', maxLength: MAX_PASSWORD_LENGTH } },
      additionalProperties: false,
    },
    PasswordChanged: {
      type: 'object',
      properties: { user: schemaRef('UserProfile'), csrfToken: nullable(CSRF_TOKEN) },
      required: ['user', 'csrfToken'],
      additionalProperties: false,
    },
  };
}

/** The schema of `GET /api/me` (there with or without the users plugin; without it `user` is null). */
export function meSchema(withUsers: boolean): JsonSchema {
  return {
    type: 'object',
    properties: {
      user: {
        ...(withUsers ? nullable(schemaRef('UserProfile')) : { type: 'null' }),
        description: 'The signed-in user, or the user an API key belongs to; null for other keys.',
      },
      permissions: {
        type: 'array',
        items: text(200),
        maxItems: 100_000,
        uniqueItems: true,
        description:
          'Every resource:action the caller may do, wildcards expanded (customer:read, deal:reopen).',
      },
      csrfToken: nullable(CSRF_TOKEN),
    },
    required: ['user', 'permissions', 'csrfToken'],
    additionalProperties: false,
  };
}

/** The session cookie as an OpenAPI security scheme. */
export const SESSION_SECURITY_SCHEME: Json = {
  type: 'apiKey',
  in: 'cookie',
  name: SESSION_COOKIE,
  description:
    'The session from POST /api/auth/sign-in (`__Host-rapport_session` over https). Requests that change data send X-CSRF-Token.',
};

const SET_COOKIE = {
  'Set-Cookie': {
    description: 'The session cookie (HttpOnly; SameSite=Strict; Path=/; Secure over https).',
    schema: text(200),
  },
};
const RETRY_AFTER = { 'Retry-After': { description: 'Seconds until another attempt.', schema: text(20) } };

/** `GET /api/me`, documented whether or not users are installed. */
export function mePath(): Json {
  return {
    '/api/me': {
      get: {
        operationId: 'me',
        tags: ['auth'],
        summary: 'Who the caller is and what they may do',
        responses: { '200': jsonResponse('The caller.', schemaRef('Me')), '401': ERRORS['401'] },
      },
    },
  };
}

/** The path items of sign-in, sign-out, the own password and user administration. */
export function userPaths(): Json {
  const tags = ['users'];
  const json415 = {
    '413': problemResponse('The body is too large.'),
    '415': problemResponse('The body is not JSON.'),
  };
  return {
    '/api/auth/sign-in': {
      post: {
        operationId: 'signIn',
        tags: ['auth'],
        summary: 'Sign in with e-mail address and password: sets the session cookie',
        security: [],
        requestBody: jsonRequestBody(schemaRef('SignIn')),
        responses: {
          '200': { ...jsonResponse('Signed in.', schemaRef('SignedIn')), headers: SET_COOKIE },
          '400': ERRORS['400'],
          '401': problemResponse(
            'INVALID_CREDENTIALS: the same answer for every wrong address, password or inactive account.',
          ),
          '429': {
            ...problemResponse('Too many failed attempts for this address or client.'),
            headers: RETRY_AFTER,
          },
          ...json415,
        },
      },
    },
    '/api/auth/sign-out': {
      post: {
        operationId: 'signOut',
        tags: ['auth'],
        summary: 'End the session and clear its cookie',
        responses: { '204': { description: 'Signed out.', headers: SET_COOKIE }, ...ERRORS },
      },
    },
    '/api/me/password': {
      post: {
        operationId: 'changeOwnPassword',
        tags: ['auth'],
        summary: "Change the caller's own password; their other sessions end",
        requestBody: jsonRequestBody(schemaRef('PasswordChange')),
        responses: {
          '200': {
            ...jsonResponse('Changed; a session caller gets a new cookie.', schemaRef('PasswordChanged')),
            headers: SET_COOKIE,
          },
          ...ERRORS,
          '429': { ...problemResponse('Too many wrong current passwords.'), headers: RETRY_AFTER },
          ...json415,
        },
      },
    },
    '/api/users': {
      get: {
        operationId: 'listUsers',
        tags,
        summary: 'Users (user:read); filters and sorts as entity lists, never on secret fields',
        parameters: FIND_PARAMETERS.filter((parameter) => parameter.name !== 'fields'),
        responses: { '200': jsonResponse('A page of users.', schemaRef('UserList')), ...ERRORS },
      },
      post: {
        operationId: 'createUser',
        tags,
        summary: 'Create a user (user:create); a password is generated when none is sent',
        requestBody: jsonRequestBody(schemaRef('UserInput')),
        responses: {
          '201': {
            ...jsonResponse('The user, and a generated password once.', schemaRef('UserWithPassword')),
            headers: ETAG_HEADER,
          },
          ...ERRORS,
          '409': problemResponse('Another user has this e-mail address (whatever its case).'),
          ...json415,
        },
      },
    },
    '/api/users/{id}': {
      parameters: [idParameter('The user id (GET also takes an e-mail address).')],
      get: {
        operationId: 'getUser',
        tags,
        summary: 'One user (user:read)',
        responses: {
          '200': { ...jsonResponse('The user.', schemaRef('UserSummary')), headers: ETAG_HEADER },
          '304': { description: 'Not modified (If-None-Match).' },
          ...ERRORS,
          '404': problemResponse('No such user.'),
        },
      },
      patch: {
        operationId: 'updateUser',
        tags,
        summary: 'Change a user (user:update); deactivating one ends their sessions',
        requestBody: {
          required: true,
          content: {
            'application/merge-patch+json': { schema: schemaRef('UserPatch') },
            'application/json': { schema: schemaRef('UserPatch') },
          },
        },
        responses: {
          '200': { ...jsonResponse('The user.', schemaRef('UserSummary')), headers: ETAG_HEADER },
          ...ERRORS,
          '404': problemResponse('No such user.'),
          '409': problemResponse('Another user has this e-mail address.'),
          '412': problemResponse('If-Match names another version.'),
          ...json415,
        },
      },
      delete: {
        operationId: 'deleteUser',
        tags,
        summary: 'Delete a user (user:delete); their sessions end and their keys stop working',
        responses: {
          '204': { description: 'Deleted.' },
          ...ERRORS,
          '404': problemResponse('No such user.'),
          '412': problemResponse('If-Match names another version.'),
        },
      },
    },
    '/api/users/{id}/password': {
      parameters: [idParameter('The user id.')],
      post: {
        operationId: 'resetUserPassword',
        tags,
        summary: "Set or generate a user's password (user:update); their sessions end",
        requestBody: {
          required: false,
          content: { 'application/json': { schema: schemaRef('PasswordReset') } },
        },
        responses: {
          '200': jsonResponse('The user, and a generated password once.', schemaRef('UserWithPassword')),
          ...ERRORS,
          '404': problemResponse('No such user.'),
          ...json415,
        },
      },
    },
  };
}
