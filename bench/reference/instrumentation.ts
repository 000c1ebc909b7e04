/**
 * Empty on purpose. Without a hook here, Turbopack (16.4.6) takes the repository root's
 * instrumentation.ts for this app too (it looks above the project folder), which would start
 * Waypoint's database checks in the reference server.
 */
export function register(): void {}
