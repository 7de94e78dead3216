import type { ApiObject } from '../account.js';
import { validationError } from '../errors.js';
import { LAMBDA_MODEL, shapeOf, type Operation, type ServiceModel } from '../service-model.js';

/** A route of the model: method, path segments (literal or `{Label}`), the operation. */
interface Route {
  method: string;
  segments: string[];
  operation: Operation;
}

/** The API versions function routes are also served under (the 2025-11-30 family of LMI). */
const VERSION_ALIASES = ['2025-11-30'];

function routesOf(model: ServiceModel): Route[] {
  const routes: Route[] = [];
  for (const operation of Object.values(model.operations)) {
    const [path = ''] = operation.http.requestUri.split('?');
    const segments = path.split('/').filter(Boolean);
    routes.push({ method: operation.http.method, segments, operation });
    for (const version of VERSION_ALIASES) {
      if (segments[0] !== version) {
        routes.push({
          method: operation.http.method,
          segments: [version, ...segments.slice(1)],
          operation,
        });
      }
    }
  }
  return routes;
}

const ROUTES = routesOf(LAMBDA_MODEL);

/** A request matched to its operation, with the URI labels decoded. */
export interface MatchedRoute {
  operation: Operation;
  labels: Record<string, string>;
}

/**
 * The operation a method and path designate, taken from the model's `http.requestUri`; undefined
 * when none does. Model routes win over the version aliases.
 */
export function matchLambdaRoute(method: string, pathname: string): MatchedRoute | undefined {
  const parts = pathname.split('/').filter(Boolean);
  for (const route of ROUTES) {
    if (route.method !== method || route.segments.length !== parts.length) continue;
    const labels: Record<string, string> = {};
    const matches = route.segments.every((segment, index) => {
      const part = parts[index] ?? '';
      const label = /^\{(\w+)\+?\}$/.exec(segment)?.[1];
      if (label) labels[label] = decodeURIComponent(part);
      return label !== undefined || segment === part;
    });
    if (matches) return { operation: route.operation, labels };
  }
  return undefined;
}

function scalarFromText(type: string, text: string): unknown {
  if (type === 'integer' || type === 'long') return Number.parseInt(text, 10);
  if (type === 'double' || type === 'float') return Number.parseFloat(text);
  if (type === 'boolean') return text === 'true';
  return text;
}

/**
 * Builds the operation's input from URI labels, query string, headers and JSON body, following
 * each member's `location` in the model. Throws ValidationException for a body that is not JSON.
 */
export function decodeLambdaInput(
  matched: MatchedRoute,
  query: URLSearchParams,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): { input: ApiObject; bodyMembers: string[] } {
  let parsed: ApiObject = {};
  try {
    parsed = body.trim() ? (JSON.parse(body) as ApiObject) : {};
  } catch (error) {
    throw validationError(`request body is not JSON: ${String(error)}`);
  }
  const input: ApiObject = {};
  const inputShape =
    matched.operation.input && shapeOf(LAMBDA_MODEL, matched.operation.input.shape);
  for (const [name, member] of Object.entries(inputShape?.members ?? {})) {
    const wireName = member.locationName ?? name;
    const type = shapeOf(LAMBDA_MODEL, member.shape).type;
    if (member.location === 'uri') {
      if (matched.labels[wireName] !== undefined) input[name] = matched.labels[wireName];
    } else if (member.location === 'querystring') {
      const values = query.getAll(wireName);
      if (values.length > 0)
        input[name] = type === 'list' ? values : scalarFromText(type, values[0] ?? '');
    } else if (member.location === 'header') {
      const value = headers[wireName.toLowerCase()];
      if (typeof value === 'string') input[name] = scalarFromText(type, value);
    } else if (parsed[name] !== undefined) {
      input[name] = parsed[name];
    }
  }
  return { input, bodyMembers: Object.keys(parsed) };
}
