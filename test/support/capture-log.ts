/** A real pino logger (our createLogger) whose JSON lines are kept in memory for a test to read. */
import { createLogger, type Logger, type LogLevel } from '../../src/adapters/log/log.ts';

export type LogEntry = { level: string; msg: string; [field: string]: unknown };
export type CapturedLog = { logger: Logger; raw: string[]; entries(): LogEntry[]; errors(): LogEntry[] };

export function captureLog(level: LogLevel = 'trace'): CapturedLog {
  const raw: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void raw.push(line) });
  const entries = () => raw.map((line) => JSON.parse(line) as LogEntry);
  return { logger, raw, entries, errors: () => entries().filter((e) => e.level === 'error' || e.level === 'fatal') };
}
