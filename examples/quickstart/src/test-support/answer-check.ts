import { ANNOTATION_KEYWORDS } from '@rapport/core';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import type { OpenApiDocument } from './quickstart-server.js';

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((ajvFormats as unknown as { default: FormatsPlugin }).default ??
  ajvFormats) as unknown as FormatsPlugin;

type Json = Record<string, unknown>;

const COMPONENTS_ID = 'https://rapport.dev/openapi/components';

/** Points every `#/components/schemas/X` at the registered components schema. */
function rebase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebase);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string'
        ? inner.replace('#/components/schemas/', `${COMPONENTS_ID}#/$defs/`)
        : rebase(inner),
    ]),
  );
}

/** Follows a `#/components/...` reference inside the document. */
function resolve(document: OpenApiDocument, node: unknown): Json | undefined {
  let current = node as Json | undefined;
  while (current && typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, part) => (at as Json | undefined)?.[part], document) as Json | undefined;
  }
  return current;
}

/**
 * Checks real answers against an OpenAPI document: the status must be documented for the
 * operation, the media type must be one it documents, and the body must validate (ajv, draft
 * 2020-12, strict, every error) against that response's schema, `$ref`s resolved to the
 * document's components. A response documented without content must come without a body.
 */
export class AnswerChecker {
  readonly #document: OpenApiDocument;
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    this.#document = document;
    this.#ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, validateFormats: true });
    addFormats(this.#ajv);
    for (const keyword of ANNOTATION_KEYWORDS) this.#ajv.addKeyword({ keyword, schemaType: 'string' });
    this.#ajv.addSchema({ $id: COMPONENTS_ID, $defs: rebase(document.components.schemas) as Json });
  }

  /** Every `METHOD /path` of the document. */
  operations(): string[] {
    return Object.entries(this.#document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'].includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
  }

  /** What is wrong with `response` as an answer of `operation` (`GET /api/deals/{id}`); empty when nothing. */
  async problems(operation: string, response: Response): Promise<string[]> {
    const [method = '', path = ''] = operation.split(' ');
    const item = this.#document.paths[path];
    const op = item?.[method.toLowerCase()] as Json | undefined;
    if (!op) return [`${operation} is not in the document`];
    const responses = (op.responses ?? {}) as Json;
    const documented = resolve(this.#document, responses[String(response.status)] ?? responses.default);
    if (!documented) return [`${operation} answered ${response.status}, which the document does not list`];
    const text = await response.text();
    const content = documented.content as Record<string, { schema?: unknown }> | undefined;
    if (!content)
      return text === '' ? [] : [`${operation} ${response.status}: a body where none is documented`];
    const media = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const schema = content[media]?.schema;
    if (!schema) return [`${operation} ${response.status}: media type '${media}' is not documented`];
    let body: unknown = text; // a page (text/html) is checked as the string it is
    if (media === 'application/json' || media.endsWith('+json')) {
      try {
        body = JSON.parse(text);
      } catch {
        return [`${operation} ${response.status}: the body is not JSON`];
      }
    }
    const validate = this.#validator(schema);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${operation} ${response.status}: ${e.instancePath || '/'} ${e.message} (${e.schemaPath})`,
    );
  }

  #validator(schema: unknown): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.#validators.get(key);
    if (!validate) {
      validate = this.#ajv.compile(rebase(schema) as Json);
      this.#validators.set(key, validate);
    }
    return validate;
  }
}
