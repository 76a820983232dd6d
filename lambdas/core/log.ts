// The logging interface jobs depend on; Powertools' Logger satisfies it in Lambda, a console logger locally.
export interface Log {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/** Constant messages with structured keys, written as one line each; never pass personal data in `extra`. */
export function consoleLog(minLevel: 'debug' | 'info' | 'warn' | 'error' = 'info'): Log {
  const levels = ['debug', 'info', 'warn', 'error'] as const;
  const enabled = (level: (typeof levels)[number]) => levels.indexOf(level) >= levels.indexOf(minLevel);
  const write = (level: (typeof levels)[number]) => (message: string, extra?: Record<string, unknown>) => {
    if (!enabled(level)) return;
    const line = extra && Object.keys(extra).length > 0 ? `${message} ${JSON.stringify(extra)}` : message;
    (level === 'error' || level === 'warn' ? console.error : console.log)(`[${level}] ${line}`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };
