import canonicalize from 'canonicalize';

/**
 * RFC 8785 canonical JSON (keys sorted by UTF-16 code units, ECMAScript number form, `undefined` members
 * dropped), through `canonicalize`, the RFC authors' implementation. Hashes are computed over this text, so
 * the same content always hashes the same whatever order it was built or stored in. Throws a TypeError for
 * what I-JSON cannot hold: a non-finite number or a lone surrogate.
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new TypeError(
      `canonical JSON cannot hold this value: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return text ?? 'null';
}
