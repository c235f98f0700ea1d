import {
  type CompiledEntity,
  createSchemaCompiler,
  type FieldError,
  type JsonSchema,
  referencedEntity,
} from '@rapport/core';
import { ExampleValueError, exampleValue, type ValueContext } from './example-value.js';

/** What the generator needs of an entity: its name, its input schema, its read-only fields. */
export type ExampleEntity = Pick<CompiledEntity, 'name' | 'inputSchema' | 'readOnlyFields'>;

/** Options of {@link exampleBodies}. */
export interface ExampleBodiesOptions {
  /**
   * The entity names a reference may point at (`kernel.entities.keys()`): a property named
   * `<entity>Id`, or one whose schema names its entity (`referenceTo`), gets the id of an
   * existing record from `references`, never a made-up string.
   */
  entities: Iterable<string>;
  /** The id of an existing record of an entity, by entity name (`{ customer: 'c_1' }`), or a lookup. */
  references?: Readonly<Record<string, string>> | ((entity: string) => string | undefined);
  /**
   * Values by property name, at any depth, that win over generated ones: what a deployment's
   * rules require beyond the schema (`{ currency: 'EUR' }` where only the deployment's currency is
   * accepted). Each is still checked against the property's schema.
   */
  values?: Readonly<Record<string, unknown>>;
}

/** Example request bodies for an entity's generic routes; see {@link exampleBodies}. */
export interface ExampleBodies {
  /**
   * A create body: every required writable property, valid against the entity's input schema.
   *
   * @throws {ExampleBodyError} when the schema refuses every body the generator can make.
   */
  create(entity: ExampleEntity): Record<string, unknown>;
  /**
   * A patch body of one optional writable property (free text first, not an `…Id`; then in schema order), or
   * `undefined` when the entity has none the generator can fill.
   */
  patch(entity: ExampleEntity): Record<string, unknown> | undefined;
}

/** Raised when the generator cannot make a body the entity's schema accepts; names the entity and fields. */
export class ExampleBodyError extends Error {
  readonly code = 'example.noBody';
  constructor(
    readonly entity: string,
    readonly errors: FieldError[],
    options?: { cause?: unknown },
  ) {
    const detail = errors.map((e) => `'${e.path}' ${e.message}`).join('; ');
    super(`cannot make an example body for entity '${entity}': ${detail}; write an override`, options);
    this.name = 'ExampleBodyError';
  }
}

/** How many rounds the generator adds properties a root-level `if`/`then` asks for. */
const MAX_ROUNDS = 10;

function isPlainText(schema: JsonSchema): boolean {
  return (
    schema.type === 'string' &&
    schema.format === undefined &&
    schema.pattern === undefined &&
    schema.enum === undefined &&
    schema.const === undefined
  );
}

/**
 * A generator of example bodies from an entity's compiled JSON Schema, for tests that call every
 * entity's routes without a hand-written body per entity. Values are made by type, format, `enum`,
 * `const`, `pattern`, length and range bounds, nested objects and arrays (`minItems`); a
 * property's own `examples` are preferred; `<entity>Id` properties get an existing record's id;
 * strings are unique per call. Every candidate is checked with ajv against its property's schema,
 * and the body against the whole input schema, so a body the schema refuses is never handed out.
 *
 * Rules beyond the schema (a key that must exist elsewhere, a state machine) are not known here:
 * give `values`, or keep a hand-written body for that entity.
 *
 * @example
 * ```ts
 * const bodies = exampleBodies({ entities: kernel.entities.keys(), references: { customer: ada.id }, values: { currency: 'EUR' } });
 * const deal = kernel.entities.get('deal');
 * await call('POST', '/api/deals', bodies.create(deal)); // { title: 'Example title 1', customerId: ada.id, … }
 * await call('PATCH', `/api/deals/${id}`, bodies.patch(deal)); // { notes: 'Example notes 2' }
 * ```
 */
export function exampleBodies(options: ExampleBodiesOptions): ExampleBodies {
  const compile = createSchemaCompiler();
  const checks = new WeakMap<JsonSchema, (value: unknown) => FieldError[]>();
  const checkOf = (schema: JsonSchema, root = false) => {
    let check = checks.get(schema);
    if (!check) {
      try {
        check = compile(schema);
      } catch (error) {
        // A part that does not compile on its own (a `$ref` into the root): the body check decides.
        if (root) throw error;
        check = () => [];
      }
      checks.set(schema, check);
    }
    return check;
  };
  const lookup = options.references ?? {};
  const entities = new Set(options.entities);
  let counter = 0;
  const context: ValueContext = {
    values: options.values ?? {},
    referenced: (name, schema) => referencedEntity(name, schema, entities),
    idOf: (entity) => (typeof lookup === 'function' ? lookup(entity) : lookup[entity]),
    fresh: () => {
      counter += 1;
      return counter;
    },
    // ajv fills defaults into what it checks: check a copy.
    accepts: (schema, value) => checkOf(schema)(structuredClone(value)).length === 0,
  };
  const writable = (entity: ExampleEntity, field: string) =>
    !entity.readOnlyFields.has(field) && entity.inputSchema.properties[field]?.readOnly !== true;
  const propertyValue = (entity: ExampleEntity, field: string) => {
    try {
      return exampleValue(field, field, entity.inputSchema.properties[field] ?? {}, context);
    } catch (cause) {
      if (!(cause instanceof ExampleValueError)) throw cause;
      throw new ExampleBodyError(
        entity.name,
        [{ path: cause.path, rule: 'example', message: cause.reason }],
        {
          cause,
        },
      );
    }
  };

  return {
    create(entity) {
      const { properties } = entity.inputSchema;
      const body: Record<string, unknown> = {};
      for (const field of entity.inputSchema.required ?? []) {
        if (writable(entity, field)) body[field] = propertyValue(entity, field);
      }
      // Required read-only fields are the system's to write: the check sees a stand-in, the body has none.
      const standIns: Record<string, unknown> = {};
      for (const field of entity.inputSchema.required ?? []) {
        if (!writable(entity, field)) standIns[field] = propertyValue(entity, field);
      }
      const dependent = (entity.inputSchema.dependentRequired ?? {}) as Record<string, string[]>;
      for (const field of Object.keys(body)) {
        for (const needed of dependent[field] ?? []) {
          if (!Object.hasOwn(body, needed) && writable(entity, needed))
            body[needed] = propertyValue(entity, needed);
        }
      }
      const rootCheck = checkOf(entity.inputSchema, true);
      const check = (value: Record<string, unknown>) => rootCheck(structuredClone({ ...standIns, ...value }));
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        const errors = check(body);
        if (errors.length === 0) return body;
        const missing = errors.find((e) => e.rule === 'required' && !e.path.includes('.'))?.path;
        if (missing === undefined || !Object.hasOwn(properties, missing) || Object.hasOwn(body, missing)) {
          throw new ExampleBodyError(entity.name, errors);
        }
        body[missing] = propertyValue(entity, missing);
      }
      throw new ExampleBodyError(entity.name, check(body));
    },

    patch(entity) {
      const required = new Set(entity.inputSchema.required ?? []);
      const optional = Object.entries(entity.inputSchema.properties).filter(
        ([field]) => !required.has(field) && writable(entity, field),
      );
      // Free text first (not an id of anything): the property least likely to carry a rule.
      const text = ([field, schema]: [string, JsonSchema]) => isPlainText(schema) && !/Id$/.test(field);
      const ranked = [...optional.filter(text), ...optional.filter((entry) => !text(entry))];
      for (const [field] of ranked) {
        try {
          return { [field]: propertyValue(entity, field) };
        } catch (error) {
          if (!(error instanceof ExampleBodyError)) throw error;
        }
      }
      return undefined;
    },
  };
}
