// Placeholder until the schema generator writes the real types from schemas/*.schema.json.
export type CapacityProviderSpec = Record<string, unknown>;
export type FunctionSpec = Record<string, unknown>;
export type GuardrailSpec = Record<string, unknown>;
