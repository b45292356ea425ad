/** A JSON value that declares itself model registry metadata, or has its required shape. */
export function isRegistryMetadata(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const schema = record.$schema;
  if (typeof schema === 'string' && /ModelRegistryMetadata/i.test(schema)) return true;
  return (
    'model_name' in record && ('artifact_uri' in record || 'signature' in record || 'provenance' in record)
  );
}
