import { validationError } from './errors.js';
import { shapeOf, type ServiceModel, type Shape } from './service-model.js';

const patternCache = new Map<string, RegExp | null>();

/** The model's pattern as a whole-value JS RegExp, or null when JS cannot compile it. */
function compiledPattern(pattern: string): RegExp | null {
  if (!patternCache.has(pattern)) {
    patternCache.set(pattern, compileWith(pattern, 'su') ?? compileWith(pattern, 's'));
  }
  return patternCache.get(pattern) ?? null;
}

function compileWith(pattern: string, flags: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, flags);
  } catch {
    // Limitation: a Java-only regex construct skips the pattern check for that shape.
    return null;
  }
}

/**
 * Checks a decoded request against its input shape: required members, types, lengths, counts,
 * ranges, patterns and enums. Returns the first problem as AWS words it ("1 validation error
 * detected: ..."), or undefined when the value conforms. Unknown members are ignored, as AWS does.
 */
export function firstViolation(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  path: string,
): string | undefined {
  const shape = shapeOf(model, shapeName);
  if (value === undefined || value === null) return undefined;
  return violationOf(model, shape, value, path);
}

function violationOf(model: ServiceModel, shape: Shape, value: unknown, path: string) {
  switch (shape.type) {
    case 'structure':
      return structureViolation(model, shape, value, path);
    case 'list':
      return listViolation(model, shape, value, path);
    case 'map':
      return mapViolation(model, shape, value, path);
    case 'string':
      return stringViolation(shape, value, path);
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return numberViolation(shape, value, path);
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${path} must be a boolean`;
    default:
      return undefined;
  }
}

function structureViolation(model: ServiceModel, shape: Shape, value: unknown, path: string) {
  if (typeof value !== 'object' || Array.isArray(value)) return `${path} must be an object`;
  const record = value as Record<string, unknown>;
  for (const name of shape.required ?? []) {
    if (record[name] === undefined || record[name] === null) {
      return (
        `Value null at '${memberPath(path, name)}' failed to satisfy constraint: Member ` +
        `must not be null`
      );
    }
  }
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    const problem = firstViolation(model, member.shape, record[name], memberPath(path, name));
    if (problem) return problem;
  }
  return undefined;
}

function memberPath(path: string, name: string): string {
  const camel = name.charAt(0).toLowerCase() + name.slice(1);
  return path ? `${path}.${camel}` : camel;
}

function listViolation(model: ServiceModel, shape: Shape, value: unknown, path: string) {
  if (!Array.isArray(value)) return `${path} must be a list`;
  const bound = boundViolation(shape, value.length, path, 'length');
  if (bound) return bound;
  for (const [index, item] of value.entries()) {
    const problem =
      shape.member && firstViolation(model, shape.member.shape, item, `${path}.${index + 1}`);
    if (problem) return problem;
  }
  return undefined;
}

function mapViolation(model: ServiceModel, shape: Shape, value: unknown, path: string) {
  if (typeof value !== 'object' || Array.isArray(value)) return `${path} must be a map`;
  const entries = Object.entries(value as Record<string, unknown>);
  const bound = boundViolation(shape, entries.length, path, 'length');
  if (bound) return bound;
  for (const [key, item] of entries) {
    const keyProblem = shape.key && firstViolation(model, shape.key.shape, key, `${path}.key`);
    if (keyProblem) return keyProblem;
    const problem = shape.value && firstViolation(model, shape.value.shape, item, `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

function stringViolation(shape: Shape, value: unknown, path: string) {
  if (typeof value !== 'string') return `${path} must be a string`;
  if (shape.enum && !shape.enum.includes(value)) {
    return constraint(
      value,
      path,
      `Member must satisfy enum value set: [${shape.enum.join(', ')}]`,
    );
  }
  const bound = boundViolation(shape, value.length, path, 'length', value);
  if (bound) return bound;
  const pattern = shape.pattern === undefined ? null : compiledPattern(shape.pattern);
  if (pattern && !pattern.test(value)) {
    return constraint(
      value,
      path,
      `Member must satisfy regular expression pattern: ${shape.pattern}`,
    );
  }
  return undefined;
}

function numberViolation(shape: Shape, value: unknown, path: string) {
  if (typeof value !== 'number' || Number.isNaN(value)) return `${path} must be a number`;
  if (shape.min !== undefined && value < shape.min) {
    return constraint(value, path, `Member must have value greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined && value > shape.max) {
    return constraint(value, path, `Member must have value less than or equal to ${shape.max}`);
  }
  return undefined;
}

function boundViolation(
  shape: Shape,
  size: number,
  path: string,
  what: string,
  shown: unknown = `a ${what} of ${size}`,
) {
  if (shape.min !== undefined && size < shape.min) {
    return constraint(
      shown,
      path,
      `Member must have ${what} greater than or equal to ${shape.min}`,
    );
  }
  if (shape.max !== undefined && size > shape.max) {
    return constraint(shown, path, `Member must have ${what} less than or equal to ${shape.max}`);
  }
  return undefined;
}

function constraint(value: unknown, path: string, rule: string): string {
  return `Value '${String(value)}' at '${path}' failed to satisfy constraint: ${rule}`;
}

/**
 * Throws a 400 ValidationException when the decoded input breaks its shape's constraints; returns
 * normally otherwise. `operationInput` is the input shape's name.
 */
export function assertValidInput(
  model: ServiceModel,
  operationInput: string,
  input: unknown,
): void {
  const problem = firstViolation(model, operationInput, input, '');
  if (problem) throw validationError(`1 validation error detected: ${problem}`);
}
