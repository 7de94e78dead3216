import { serializePlan } from '../plan-json.js';
import type { Plan } from '../types.js';

/**
 * Renders a plan as JSON per `schemas/plan.schema.json`: stable key order, 2-space indent, a
 * trailing newline, sensitive values left out. `parsePlan` reads it back.
 */
export function renderJson(plan: Plan): string {
  return serializePlan(plan);
}
