import type { ErrorObject } from 'ajv/dist/2020.js';
import { didYouMean } from './did-you-mean.js';
import type { NodePath } from './locate.js';

/** A schema problem in words, with the node it belongs to. */
export interface SchemaProblem {
  path: NodePath;
  /** Point at the key of the last path segment rather than its value. */
  atKey: boolean;
  message: string;
  /** The nodes whose values cannot be trusted because of this problem (absent ones included). */
  invalid: NodePath[];
}

type Schema = Record<string, unknown>;

/**
 * Turns ajv errors (verbose) into one message per real problem. The errors of one-of and any-of
 * alternatives are reduced to those of the alternative the data was aiming at, or to one message
 * naming the alternatives. Messages say what is wrong and what is allowed.
 */
export function explainSchemaErrors(errors: ErrorObject[]): SchemaProblem[] {
  return condense(errors).flatMap((error) => {
    const problem = explainOne(error);
    return problem ? [problem] : [];
  });
}

function condense(errors: ErrorObject[]): (ErrorObject | SchemaProblem)[] {
  const isCombinator = (error: ErrorObject) =>
    error.keyword === 'oneOf' || error.keyword === 'anyOf';
  const inside = (error: ErrorObject, outer: ErrorObject) =>
    error.schemaPath.startsWith(`${outer.schemaPath}/`);
  const outermost = errors.filter(
    (error) =>
      isCombinator(error) && !errors.some((other) => isCombinator(other) && inside(error, other)),
  );

  const rest = errors.filter(
    (error) => !outermost.some((outer) => outer === error || inside(error, outer)),
  );
  const explained = outermost.flatMap((outer) =>
    explainAlternatives(
      outer,
      errors.filter((error) => inside(error, outer)),
    ),
  );
  return [...rest, ...explained];
}

function explainAlternatives(
  outer: ErrorObject,
  inner: ErrorObject[],
): (ErrorObject | SchemaProblem)[] {
  const branches = outer.schema as Schema[];
  const path = pathOf(outer.instancePath);
  const data: unknown = outer.data;
  if (!isRecord(data) || branches.some((branch) => !isRecord(branch.properties))) {
    const choices = branches.map(describeSchema).join(' or ');
    return [
      {
        path,
        atKey: false,
        message: `${subject(path)} must be ${choices}${got(path, data)}`,
        invalid: [path],
      },
    ];
  }

  const own = ownMembers(branches);
  const aimed = own.flatMap((members, index) =>
    members.some((key) => key in data) ? [index] : [],
  );
  const branchErrors = (index: number) =>
    inner.filter((error) => error.schemaPath.startsWith(`${outer.schemaPath}/${index}/`));

  if (aimed.length > 1) {
    const used = aimed.flatMap((index) => (own[index] ?? []).filter((key) => key in data));
    const message =
      `${subject(path)} sets ${used.join(' and ')}, which exclude each other: ` +
      `keep one of ${alternatives(branches, own)}`;
    // Only the members that clash are in doubt; the members every alternative shares still hold.
    return [{ path, atKey: false, message, invalid: used.map((key) => [...path, key]) }];
  }
  const [chosen] = aimed;
  if (chosen !== undefined) return condense(branchErrors(chosen));

  // Nothing chosen: an any-of is content with none, so only shared members can be at fault.
  const shared = branchErrors(0).filter(
    (error) => error.keyword !== 'required' || error.instancePath !== outer.instancePath,
  );
  if (outer.keyword === 'anyOf') return condense(shared);
  const message = `${subject(path)} must set one of ${alternatives(branches, own)}`;
  return [{ path, atKey: false, message, invalid: [path] }, ...condense(shared)];
}

/** Per branch, the members no other branch has (what tells the alternatives apart). */
function ownMembers(branches: Schema[]): string[][] {
  const keys = branches.map((branch) => Object.keys(branch.properties as Schema));
  return keys.map((members) =>
    members.filter((key) => !keys.every((other) => other.includes(key))),
  );
}

function alternatives(branches: Schema[], own: string[][]): string {
  const options = branches.map((branch, index) =>
    listInWords((branch.required as string[] | undefined) ?? own[index] ?? [], 'and'),
  );
  return listInWords(options, 'or');
}

function listInWords(items: string[], last: 'and' | 'or'): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

function explainOne(error: ErrorObject | SchemaProblem): SchemaProblem | undefined {
  if (!('keyword' in error)) return error;
  if (error.keyword === 'propertyNames') return undefined; // its inner error says more
  const path = pathOf(error.instancePath);

  if (error.propertyName !== undefined) {
    const keyPath = [...path, error.propertyName];
    const who = `key "${error.propertyName}" in ${subject(path)}`;
    return {
      path: keyPath,
      atKey: true,
      message: predicate(error, who, error.propertyName, keyPath),
      invalid: [keyPath],
    };
  }
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    const allowed = Object.keys((error.parentSchema?.properties as Schema | undefined) ?? {});
    const where = path.length === 0 ? 'the document' : subject(path);
    const hint = didYouMean(key, allowed);
    const message = `unknown field ${key} in ${where}; allowed: ${allowed.join(', ')}${hint}`;
    return { path: [...path, key], atKey: true, message, invalid: [[...path, key]] };
  }
  const message = predicate(error, subject(path), error.data, path);
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    return { path, atKey: false, message, invalid: [[...path, missing]] };
  }
  return { path, atKey: false, message, invalid: [path] };
}

function predicate(error: ErrorObject, who: string, data: unknown, path: NodePath): string {
  const params = error.params as Record<string, unknown>;
  const limit = params.limit as number;
  const count = countOf(data);
  switch (error.keyword) {
    case 'type':
      return `${who} must be ${article(String(params.type))}${got(path, data)}`;
    case 'required':
      return `${who} is missing required member ${String(params.missingProperty)}`;
    case 'enum':
    case 'const': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
      const hint = typeof data === 'string' ? didYouMean(data, allowed.map(String)) : '';
      const options = `${allowed.length > 1 ? 'one of ' : ''}${allowed.map(String).join(', ')}`;
      return `${who} must be ${options}${got(path, data)}${hint}`;
    }
    case 'minimum':
      return `${who} must be at least ${limit}${got(path, data)}`;
    case 'maximum':
      return `${who} must be at most ${limit}${got(path, data)}`;
    case 'minLength':
      return `${who} must be at least ${plural(limit, 'character')} long${got(path, data)}`;
    case 'maxLength':
      return `${who} must be at most ${plural(limit, 'character')} long (got ${lengthOf(data)})`;
    // Limitation: patterns are shown as the anchored regex, not described in words.
    case 'pattern':
      return `${who} must match ${String(params.pattern)}${got(path, data)}`;
    case 'minItems':
      return `${who} must have at least ${plural(limit, 'item')} (got ${count})`;
    case 'maxItems':
      return `${who} must have at most ${plural(limit, 'item')} (got ${count})`;
    case 'minProperties':
      return `${who} must have at least ${plural(limit, 'entry', 'entries')} (got ${count})`;
    case 'maxProperties':
      return `${who} must have at most ${plural(limit, 'entry', 'entries')} (got ${count})`;
    case 'uniqueItems':
      return `${who} must not repeat an item (items ${Number(params.j)} and ${Number(params.i)})`;
    default:
      return `${who} ${error.message ?? 'is invalid'}`;
  }
}

/** The JSON pointer of an ajv error as a node path. */
function pathOf(pointer: string): NodePath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** How a path reads in a message: spec members relative to spec, as the AWS docs name them. */
export function subject(path: NodePath): string {
  const shown = path[0] === 'spec' && path.length > 1 ? path.slice(1) : path;
  if (shown.length === 0) return 'document';
  return shown.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text === '' ? segment : `${text}.${segment}`;
  }, '');
}

function got(path: NodePath, data: unknown): string {
  // Environment values may hold secrets: never echo them.
  if (path.includes('environment')) return '';
  return ` (got ${describeValue(data)})`;
}

function describeValue(data: unknown): string {
  if (data === null || data === undefined) return 'nothing';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') {
    return JSON.stringify(data.length > 60 ? `${data.slice(0, 57)}...` : data);
  }
  return JSON.stringify(data);
}

function describeSchema(schema: Schema): string {
  if (Array.isArray(schema.enum)) return schema.enum.map(String).join(' or ');
  const minimum = typeof schema.minimum === 'number' ? ` of at least ${schema.minimum}` : '';
  return `${article(String(schema.type))}${minimum}`;
}

function article(type: string): string {
  const words: Record<string, string> = {
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    null: 'empty',
  };
  return words[type] ?? type;
}

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

function lengthOf(data: unknown): number {
  return typeof data === 'string' ? data.length : 0;
}

function countOf(data: unknown): number {
  if (Array.isArray(data)) return data.length;
  return isRecord(data) ? Object.keys(data).length : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
