/** A JSON Schema (draft 2020-12) object; kept loose so any valid schema can be written inline. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  [keyword: string]: unknown;
}

/** A JSON Schema whose root is an object with properties: the shape of every entity. */
export interface JsonSchemaObject extends JsonSchema {
  type: 'object';
  properties: Record<string, JsonSchema>;
}
