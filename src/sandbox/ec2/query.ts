import { EC2_MODEL, shapeOf, type MemberRef } from '../service-model.js';

function queryKey(name: string, member: MemberRef): string {
  if (member.queryName) return member.queryName;
  const base = member.locationName ?? name;
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/**
 * Decodes EC2 Query parameters (`Filter.1.Name`, `Filter.1.Value.1`, `SubnetId.1`, ...) into the
 * input shape's members, following the model's queryName/locationName. Unknown keys are ignored.
 */
export function decodeEc2Input(
  params: URLSearchParams,
  shapeName: string,
): Record<string, unknown> {
  const keys = [...params.keys()];
  return decodeValue(params, keys, '', shapeName) as Record<string, unknown>;
}

function decodeValue(
  params: URLSearchParams,
  keys: string[],
  prefix: string,
  shapeName: string,
): unknown {
  const shape = shapeOf(EC2_MODEL, shapeName);
  switch (shape.type) {
    case 'structure': {
      const result: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const key = prefix ? `${prefix}.${queryKey(name, member)}` : queryKey(name, member);
        const value = decodeValue(params, keys, key, member.shape);
        if (value !== undefined) result[name] = value;
      }
      return prefix && Object.keys(result).length === 0 ? undefined : result;
    }
    case 'list': {
      const items: unknown[] = [];
      for (let index = 1; present(keys, `${prefix}.${index}`); index += 1) {
        items.push(
          decodeValue(params, keys, `${prefix}.${index}`, shape.member?.shape ?? 'String'),
        );
      }
      return items.length > 0 ? items : undefined;
    }
    default:
      return scalar(shape.type, params.get(prefix));
  }
}

function present(keys: string[], prefix: string): boolean {
  return keys.some((key) => key === prefix || key.startsWith(`${prefix}.`));
}

function scalar(type: string, text: string | null): unknown {
  if (text === null) return undefined;
  if (type === 'integer' || type === 'long') return Number.parseInt(text, 10);
  if (type === 'boolean') return text === 'true';
  return text;
}
