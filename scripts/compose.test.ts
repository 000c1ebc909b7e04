import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { z } from "zod";

// No Docker engine runs on our machines, so the compose file is checked by reading it.
const Compose = z.object({
  services: z.record(
    z.string(),
    z
      .object({
        image: z.string().optional(),
        build: z.unknown().optional(),
        command: z.array(z.string()).optional(),
        environment: z.record(z.string(), z.string()).optional(),
        ports: z.array(z.string()).optional(),
        depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
        healthcheck: z.object({ test: z.array(z.string()) }).optional(),
        restart: z.string().optional(),
        volumes: z.array(z.string()).optional(),
      })
      .loose(),
  ),
  volumes: z.record(z.string(), z.unknown().nullable()).optional(),
  configs: z.record(z.string(), z.unknown()).optional(),
});

const compose = Compose.parse(parse(readFileSync("docker-compose.yml", "utf8")));
const dockerfile = readFileSync("Dockerfile", "utf8");

describe("docker-compose.yml", () => {
  test("has the database, a one-shot migrate step, the app and a reverse proxy", () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(["db", "migrate", "app", "proxy"]));
  });

  test("runs two app replicas behind Caddy, which alone publishes ports (80 and 443, TLS ready)", () => {
    const app = compose.services.app as { deploy?: { replicas?: number }; ports?: string[] };
    expect(app.deploy?.replicas).toBe(2);
    expect(app.ports ?? []).toEqual([]);
    const proxy = compose.services.proxy!;
    expect(proxy.image).toMatch(/^caddy:2/);
    expect(proxy.ports).toEqual(expect.arrayContaining(["80:80", "443:443"]));
    const caddyfile = (compose as unknown as { configs: { caddyfile: { content: string } } }).configs.caddyfile.content;
    expect(caddyfile).toMatch(/reverse_proxy/);
    expect(caddyfile).toMatch(/dynamic a app 3000/);
    // The app trusts exactly the one proxy in front of it for client addresses.
    expect(compose.services.app!.environment?.TRUSTED_PROXY_COUNT).toBe("1");
  });

  test("pins PostgreSQL's major version, keeps its data in a volume and checks its health", () => {
    const db = compose.services.db!;
    expect(db.image).toMatch(/^postgres:\d+(\.\d+)?-/);
    expect(db.volumes?.some((v) => v.startsWith("pgdata:"))).toBe(true);
    expect(compose.volumes).toHaveProperty("pgdata");
    expect(db.healthcheck?.test.join(" ")).toMatch(/pg_isready/);
    expect(db.ports ?? []).toEqual([]);
  });

  test("runs migrations once, before the app, after the database is healthy", () => {
    const migrate = compose.services.migrate!;
    expect(migrate.restart).toBe("no");
    expect(migrate.command?.join(" ")).toMatch(/db-migrate/);
    expect(migrate.depends_on?.db?.condition).toBe("service_healthy");
    expect(compose.services.app!.depends_on?.migrate?.condition).toBe("service_completed_successfully");
  });

  test("the app connects as the least-privilege role that the owner-run migrate step creates", () => {
    expect(compose.services.migrate!.environment?.DATABASE_URL).toMatch(/^postgresql:\/\/waypoint_owner:/);
    expect(compose.services.migrate!.environment?.APP_DATABASE_USER).toBe("waypoint_app");
    expect(compose.services.app!.environment?.DATABASE_URL).toMatch(/^postgresql:\/\/waypoint_app:/);
  });

  test("the app reaches PostgreSQL over its Unix socket, mounted read-only, and every connection proves a password", () => {
    const socketVolume = "pgsocket:/var/run/postgresql";
    expect(compose.volumes).toHaveProperty("pgsocket");
    expect(compose.services.db!.volumes).toContain(socketVolume);
    expect(compose.services.app!.volumes).toContain(`${socketVolume}:ro`);
    const url = new URL(compose.services.app!.environment!.DATABASE_URL!.replace(/\$\{[A-Z_]+\}/g, "secret"));
    expect(url.searchParams.get("host")).toBe("/var/run/postgresql");
    // The image's own pg_hba.conf trusts the local socket: the server is started with ours, whose
    // every line asks for a password (scram-sha-256), and which covers the socket.
    expect(compose.services.db!.command).toEqual(["postgres", "-c", "hba_file=/etc/postgresql/pg_hba.conf"]);
    const configs = compose as unknown as { configs: { pg_hba: { content: string } } };
    const rules = configs.configs.pg_hba.content
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => line.split(/\s+/));
    expect(rules.some((rule) => rule[0] === "local")).toBe(true);
    for (const rule of rules) expect(rule.at(-1), rule.join(" ")).toBe("scram-sha-256");
    const db = compose.services.db as { configs?: { source: string; target: string }[] };
    expect(db.configs).toContainEqual({ source: "pg_hba", target: "/etc/postgresql/pg_hba.conf" });
  });

  test("the app has a health check on /api/health and requires its secrets", () => {
    const app = compose.services.app!;
    expect(app.healthcheck?.test.join(" ")).toMatch(/\/api\/health/);
    for (const name of ["DATABASE_URL", "WAYPOINT_MASTER_KEYS", "AUTH_SECRET", "APP_URL"]) {
      expect(app.environment?.[name]).toBeDefined();
    }
    // Secrets come from the operator's environment; none is written in the file.
    expect(app.environment?.WAYPOINT_MASTER_KEYS).toMatch(/^\$\{WAYPOINT_MASTER_KEYS:\?/);
    expect(app.environment?.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:\?/);
  });
});

describe("Dockerfile", () => {
  test("is multi-stage, ships the standalone output and runs as a non-root user", () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/NEXT_OUTPUT=standalone/);
    expect(dockerfile).toMatch(/\.next\/standalone/);
    expect(dockerfile).toMatch(/^USER waypoint$/m);
  });

  test("starts the server with a heap limit, in the form npm run bench reads", () => {
    // scripts/bench/ starts its server with these flags, so its memory figure is the image's.
    expect(dockerfile).toMatch(/^CMD \["node", ("--[a-z-]+=\d+", )*"--max-old-space-size=\d+", ("--[a-z-]+=\d+", )*"server\.js"\]$/m);
  });
});
