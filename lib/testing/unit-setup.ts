import { resetEnvCache } from "@/lib/env";
import { testSecrets } from "./test-env";

// Unit tests never touch a database, but modules that read configuration still need a valid one.
Object.assign(process.env, { DATABASE_URL: "postgresql://unit-tests-have-no-database@127.0.0.1:1/none", ...testSecrets() });
resetEnvCache();
