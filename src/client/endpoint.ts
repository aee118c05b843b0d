/** "http://127.0.0.1:2379" or "127.0.0.1:2379" -> "127.0.0.1:2379". */
export function endpointTarget(raw: string): string {
  const s = raw.trim();
  return s.replace(/^https?:\/\//, '').replace(/\/$/, '');
}
