// Runs once when a server instance starts. The Node-only work lives in lib/ so that the edge bundle
// of this file stays empty.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Each request carries its connection's address from now on (throttling by network without a proxy).
    const { installConnectionAddressStamp } = await import("./lib/security/connection-address");
    installConnectionAddressStamp();
    const { startServer } = await import("./lib/startup");
    startServer();
  }
}
