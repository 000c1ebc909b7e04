export function diffSchema(url: string, options?: { from?: "migrations" | "database" }): Promise<{ changed: boolean; sql: string }>;
