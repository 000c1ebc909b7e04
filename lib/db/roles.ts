import "server-only";
import pg from "pg";

/**
 * The least-privilege database role the app connects as. Migrations run as the database owner;
 * the app's role may read and write rows but owns nothing (no DDL), and may only append to the
 * audit log (no UPDATE, DELETE or TRUNCATE — on top of the triggers that refuse them).
 * Applied by `npm run db:migrate` when APP_DATABASE_USER and APP_DATABASE_PASSWORD are set.
 */

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function ensureAppRole(ownerUrl: string, role: { name: string; password: string }): Promise<void> {
  if (!ROLE_NAME.test(role.name)) throw new Error("APP_DATABASE_USER must be a plain lower-case role name ([a-z_][a-z0-9_]*)");
  if (role.password.length < 16) throw new Error("APP_DATABASE_PASSWORD must be at least 16 characters");
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const name = client.escapeIdentifier(role.name);
    const password = client.escapeLiteral(role.password);
    const { rows } = await client.query<{ db: string; owner: string }>("SELECT current_database() AS db, current_user AS owner");
    const database = client.escapeIdentifier(rows[0]!.db);
    await client.query("BEGIN");
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role.name]);
    await client.query(
      `${exists.rowCount ? "ALTER" : "CREATE"} ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${password}`,
    );
    await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${name}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${name}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM ${name}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${name}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${name}`);
    // The audit log: append and read only. Its chain head: advanced by appends, never deleted.
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${name}`);
    await client.query(`REVOKE DELETE, TRUNCATE ON audit_head FROM ${name}`);
    // Migration bookkeeping belongs to the owner.
    await client.query(`REVOKE ALL ON _prisma_migrations FROM ${name}`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The URL the app uses: the owner's URL with the app role's credentials. */
export function appRoleUrl(ownerUrl: string, role: { name: string; password: string }): string {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role.name);
  url.password = encodeURIComponent(role.password);
  return url.toString();
}
