/**
 * The schema engine's errors read "external connector error", then the database's own message,
 * then a trace. This keeps the message, and the migration being applied when there was one.
 */
export function describeEngineError(error: unknown): { cause: string; migration: string | null } {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== 'external connector error');
  const line = lines.find((l) => !/^(\d+: |with |at )/.test(l)) ?? 'unknown error';
  return {
    cause: line.replace(/^Error querying the database: /, ''),
    migration: text.match(/migration_name="([^"]+)"/)?.[1] ?? null,
  };
}
