import { anchoredPattern, lowerCamel, type JsonSchema } from './json-schema.js';

/** A shape of the botocore-style service model in src/aws-model/generated. */
export interface ModelShape {
  type: string;
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  required?: string[];
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
}

/** The part of a service model the schema generator reads. */
export interface ServiceModel {
  shapes: Record<string, ModelShape>;
}

/** How one structure of the model is turned into a manifest object. */
export interface StructureOverlay {
  /** AWS members left out of the manifest. */
  omit?: readonly string[];
  /** Manifest members that replace (same lowerCamel name) or extend the AWS ones. */
  members?: Record<string, JsonSchema>;
  /** Extra required manifest members. */
  required?: readonly string[];
  /** Replaces the whole converted structure (it still lands in `$defs` under the shape's name). */
  replace?: (converted: JsonSchema) => JsonSchema;
}

/**
 * Turns shapes of an AWS model into JSON Schema with the model's real constraints. Structures are
 * collected into `defs` (by shape name) and referenced; everything else is inlined.
 */
export class ModelConverter {
  /** The `$defs` the converted structures went into. */
  readonly defs: Record<string, JsonSchema> = {};

  constructor(
    private readonly model: ServiceModel,
    private readonly overlays: Record<string, StructureOverlay>,
    private readonly describe: (shapeName: string, memberName?: string) => string,
  ) {}

  /** The schema of `shapeName`: a `$ref` for structures, an inline schema for the rest. */
  schemaOf(shapeName: string): JsonSchema {
    const shape = this.shape(shapeName);
    switch (shape.type) {
      case 'structure':
        this.define(shapeName, shape);
        return { $ref: `#/$defs/${shapeName}` };
      case 'list':
        return this.listSchema(shape);
      case 'map':
        return this.mapSchema(shape);
      case 'string':
        return shape.enum ? this.enumSchema(shapeName, shape) : stringSchema(shape);
      case 'integer':
      case 'long':
        return withRange({ type: 'integer' }, shape);
      case 'double':
      case 'float':
        return withRange({ type: 'number' }, shape);
      case 'boolean':
        return { type: 'boolean' };
      default:
        throw new Error(`aws model shape ${shapeName} has unsupported type ${shape.type}`);
    }
  }

  private shape(name: string): ModelShape {
    const shape = this.model.shapes[name];
    if (!shape) throw new Error(`aws model has no shape ${name}`);
    return shape;
  }

  private define(shapeName: string, shape: ModelShape): void {
    if (this.defs[shapeName]) return;
    // Reserve the name first so recursive shapes terminate.
    this.defs[shapeName] = {};
    const overlay = this.overlays[shapeName] ?? {};
    const converted = this.structureSchema(shapeName, shape, overlay);
    this.defs[shapeName] = overlay.replace ? overlay.replace(converted) : converted;
  }

  /** Enums go to `$defs` too, so they become named types (Runtime, Architecture) once. */
  private enumSchema(shapeName: string, shape: ModelShape): JsonSchema {
    this.defs[shapeName] ??= { title: shapeName, ...stringSchema(shape) };
    return { $ref: `#/$defs/${shapeName}` };
  }

  private structureSchema(name: string, shape: ModelShape, overlay: StructureOverlay): JsonSchema {
    const omit = new Set(overlay.omit ?? []);
    const properties: Record<string, JsonSchema> = {};
    for (const [member, ref] of Object.entries(shape.members ?? {})) {
      if (omit.has(member)) continue;
      const description = this.describe(name, member);
      properties[lowerCamel(member)] = { description, ...this.schemaOf(ref.shape) };
    }
    Object.assign(properties, overlay.members ?? {});

    const required = [
      ...(shape.required ?? []).filter((member) => !omit.has(member)).map(lowerCamel),
      ...(overlay.required ?? []),
    ];
    return {
      title: name,
      description: this.describe(name),
      type: 'object',
      additionalProperties: false,
      ...(required.length > 0 ? { required } : {}),
      properties: sortedByKey(properties),
    };
  }

  private listSchema(shape: ModelShape): JsonSchema {
    const items = this.schemaOf(requireRef(shape.member, 'list member'));
    const schema: JsonSchema = { type: 'array', items };
    if (shape.min !== undefined && shape.min > 0) schema.minItems = shape.min;
    if (shape.max !== undefined) schema.maxItems = shape.max;
    return schema;
  }

  private mapSchema(shape: ModelShape): JsonSchema {
    const key = this.schemaOf(requireRef(shape.key, 'map key'));
    const value = this.schemaOf(requireRef(shape.value, 'map value'));
    const schema: JsonSchema = { type: 'object', propertyNames: key, additionalProperties: value };
    if (shape.min !== undefined && shape.min > 0) schema.minProperties = shape.min;
    if (shape.max !== undefined) schema.maxProperties = shape.max;
    return schema;
  }
}

function stringSchema(shape: ModelShape): JsonSchema {
  if (shape.enum) return { type: 'string', enum: [...shape.enum] };
  const schema: JsonSchema = { type: 'string' };
  if (shape.min !== undefined && shape.min > 0) schema.minLength = shape.min;
  if (shape.max !== undefined) schema.maxLength = shape.max;
  if (shape.pattern !== undefined && shape.pattern !== '.*') {
    schema.pattern = anchoredPattern(shape.pattern);
  }
  return schema;
}

function withRange(schema: JsonSchema, shape: ModelShape): JsonSchema {
  if (shape.min !== undefined) schema.minimum = shape.min;
  if (shape.max !== undefined) schema.maximum = shape.max;
  return schema;
}

function requireRef(ref: { shape: string } | undefined, what: string): string {
  if (!ref) throw new Error(`aws model ${what} has no shape`);
  return ref.shape;
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
