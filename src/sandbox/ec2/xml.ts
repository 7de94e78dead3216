import { XMLBuilder } from 'fast-xml-parser';
import type { SandboxError } from '../errors.js';
import { EC2_MODEL, shapeOf } from '../service-model.js';

const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false });
const NAMESPACE = String(EC2_MODEL.metadata.xmlNamespace);

/**
 * Converts a value of a model shape to the element tree EC2 sends (locationName, `<item>` lists).
 */
function toXmlTree(value: unknown, shapeName: string): unknown {
  const shape = shapeOf(EC2_MODEL, shapeName);
  switch (shape.type) {
    case 'structure': {
      const tree: Record<string, unknown> = {};
      const record = value as Record<string, unknown>;
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (record[name] === undefined) continue;
        tree[member.locationName ?? name] = toXmlTree(record[name], member.shape);
      }
      return tree;
    }
    case 'list': {
      const items = value as unknown[];
      if (items.length === 0) return '';
      const member = shape.member ?? { shape: 'String' };
      return {
        [member.locationName ?? 'item']: items.map((item) => toXmlTree(item, member.shape)),
      };
    }
    default:
      return String(value);
  }
}

/** The XML document of a successful EC2 response: `<OperationResponse xmlns>` with requestId. */
export function ec2ResponseXml(
  operation: string,
  outputShape: string,
  output: Record<string, unknown>,
  requestId: string,
): string {
  const tree = toXmlTree(output, outputShape) as Record<string, unknown>;
  const document = {
    [`${operation}Response`]: { '@_xmlns': NAMESPACE, requestId, ...tree },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(document)}`;
}

/** The XML document of an EC2 error (`Response/Errors/Error/Code`, which the SDK reads). */
export function ec2ErrorXml(error: SandboxError, requestId: string): string {
  const document = {
    Response: {
      Errors: { Error: { Code: error.type, Message: error.message } },
      RequestID: requestId,
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(document)}`;
}
