import { fieldError, type ValidationError } from '@rapport/core';
import { CUSTOMER_MERGE_FIELDS } from './merge-fields.js';
import { type Tokens, writer } from './mustache-writer.js';

/** The parts of a template that are rendered. */
export const TEMPLATE_PARTS = ['subject', 'text', 'html'] as const;

const CUSTOMER = new Set(CUSTOMER_MERGE_FIELDS.map((field) => `customer.${field}`));

function refuse(part: string, rule: string, message: string): ValidationError {
  return fieldError('messageTemplate', part, rule, message);
}

/** Is `name`, used inside sections over `scopes` (outermost first), a declared merge field? */
function known(name: string, scopes: readonly string[], declared: ReadonlySet<string>): boolean {
  if (name === '.') return scopes.length > 0;
  for (let depth = scopes.length; depth >= 0; depth -= 1) {
    const path = [...scopes.slice(0, depth), name].join('.');
    if (CUSTOMER.has(path) || path === 'customer' || path === 'data') return true;
    if (path.startsWith('data.') && declared.has(path.slice('data.'.length))) return true;
  }
  return false;
}

function walk(tokens: Tokens, part: string, scopes: string[], declared: ReadonlySet<string>): void {
  for (const token of tokens) {
    const [type, value] = token as [string, string, number, number, Tokens?];
    if (type === 'text' || type === '!') continue;
    if (type === '&') {
      throw refuse(
        part,
        'messaging.template.unescaped',
        `uses {{{${value}}}} or {{& ${value}}}: every merge field is escaped; use {{${value}}}`,
      );
    }
    if (type === '>')
      throw refuse(
        part,
        'messaging.template.partial',
        `uses the partial {{> ${value}}}: templates have no partials`,
      );
    if (type === '=')
      throw refuse(part, 'messaging.template.delimiters', 'changes the delimiters ({{= =}}): use {{ and }}');
    if (!known(value, scopes, declared)) {
      throw refuse(
        part,
        'messaging.template.unknownField',
        `uses {{${value}}}, which is no merge field: use customer.${CUSTOMER_MERGE_FIELDS.join(', customer.')}, or data.<path> with the path declared in fields`,
      );
    }
    if (type === '#' || type === '^') walk((token[4] as Tokens) ?? [], part, [...scopes, value], declared);
  }
}

/**
 * Checks a template when it is saved: each part parses as Mustache and uses only names, sections
 * and inverted sections over known merge fields — `customer.*` and the declared `data.*` paths.
 * Triple braces and `{{&}}` (unescaped output), partials and delimiter changes are refused.
 * Throws a `ValidationError` naming the part and the rule.
 */
export function checkTemplate(
  template: Partial<Record<(typeof TEMPLATE_PARTS)[number], string>> & { fields?: string[] },
): void {
  const declared = new Set(template.fields ?? []);
  for (const part of TEMPLATE_PARTS) {
    const source = template[part];
    if (source === undefined) continue;
    let tokens: Tokens;
    try {
      tokens = writer.parse(source) as Tokens;
    } catch (cause) {
      throw refuse(part, 'messaging.template.syntax', `is not a valid template: ${(cause as Error).message}`);
    }
    walk(tokens, part, [], declared);
  }
}
