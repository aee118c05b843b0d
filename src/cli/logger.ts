// Process logs: pino JSON, one line per event, on stdout (a supervisor or `shoal up` decides
// where stdout goes). Synchronous writes, so the last lines before an exit are not lost.
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../master/config.ts';

export function processLogger(level: LogLevel, base: Record<string, unknown>): Logger {
  return pino(
    { level, base: { pid: process.pid, ...base }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: 1, sync: true }),
  );
}
