// Runs once when a server instance starts. The Node-only work lives in lib/startup.ts so that the
// edge bundle of this file stays empty.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/startup");
    startServer();
  }
}
