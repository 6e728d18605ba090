// While a run holds its lock, SIGINT and SIGTERM release it before the process ends: a pipeline
// cancelled by its CI leaves no lock behind. The signal is raised again once released, so the process
// ends the way it would have without us. (kill -9 cannot be caught: that lock expires instead.)
const RELEASE_LIMIT_MS = 10_000;

export function releaseOnSignals(release: () => Promise<void>): () => void {
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];
  const handler = (signal: NodeJS.Signals): void => {
    remove();
    const limit = new Promise<void>((resolve) => setTimeout(resolve, RELEASE_LIMIT_MS).unref());
    void Promise.race([release().catch(() => undefined), limit]).finally(() => process.kill(process.pid, signal));
  };
  const remove = (): void => {
    for (const signal of signals) process.off(signal, handler);
  };
  for (const signal of signals) process.on(signal, handler);
  return remove;
}
