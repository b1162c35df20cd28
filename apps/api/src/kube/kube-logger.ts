// The logger the kube source writes to: pino-compatible (`logger.warn({ err }, "msg")`), injected so
// nothing here creates or configures a global logger.
export interface KubeLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLogger: KubeLogger = {
  info() {},
  warn() {},
  error() {},
};
