/**
 * What the store logs through: the `info`/`warn`/`error` methods of a pino logger (the kernel's
 * `Logger` fits), or anything with the same shape.
 */
export interface StoreLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** The default logger: warnings and errors as one JSON line each on stderr, info dropped. */
export const stderrLogger: StoreLogger = {
  info() {},
  warn(details, message) {
    process.stderr.write(`${JSON.stringify({ level: 'warn', store: 'lowdb', msg: message, ...details })}\n`);
  },
  error(details, message) {
    process.stderr.write(`${JSON.stringify({ level: 'error', store: 'lowdb', msg: message, ...details })}\n`);
  },
};
