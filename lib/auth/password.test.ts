import { describe, expect, test } from "vitest";
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem, verifyPassword } from "./password";

const GOOD = "violet tractor sings at dawn";

describe("passwordProblem", () => {
  test("the limits are 12 and 256 characters", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBe(256);
  });

  test("a password of 11 characters is too short, one of 12 is long enough", () => {
    expect(passwordProblem("vtsad-42-Kp")).toBe("too_short");
    expect(passwordProblem("vtsad-42-Kpx")).toBeNull();
  });

  test("length counts characters, not UTF-16 units: 11 emoji are too short", () => {
    const eleven = "🦊🐢🦉🐙🦋🐝🦔🐳🦒🦓🐧";
    expect(eleven.length).toBe(22);
    expect(passwordProblem(eleven)).toBe("too_short");
    expect(passwordProblem(`${eleven}🐌`)).toBeNull();
  });

  test("a password of 257 characters is too long, one of 256 is accepted", () => {
    const words = "violet tractor sings at dawn beside the quiet river ";
    const exactly256 = words.repeat(6).slice(0, 256);
    expect([...exactly256]).toHaveLength(256);
    expect(passwordProblem(exactly256)).toBeNull();
    expect(passwordProblem(`${exactly256}x`)).toBe("too_long");
  });

  test.each(["qwerty123456", "password1234", "Password1234!", "iloveyou1234", "123456789012", "letmein12345"])(
    "the common password %j is refused",
    (password) => {
      expect(passwordProblem(password)).toBe("common");
    },
  );

  test.each(["monkey123456", "qwerty123456!!", "!!sunshine2024", "Dragon-987654"])(
    "a common word padded with digits or symbols, %j, is still common",
    (password) => {
      expect(passwordProblem(password)).toBe("common");
    },
  );

  test.each(["aaaaaaaaaaaaaaaa", "121212121212", "abcabcabcabc", "abcdefghijklmnop", "zyxwvutsrqpo", "0123456789:;<="])(
    "the repetitive or sequential password %j is refused",
    (password) => {
      expect(passwordProblem(password)).toBe("repetitive");
    },
  );

  test("a password containing the e-mail's local part is refused, in any letter case", () => {
    expect(passwordProblem("my name is maria.ivanova!", "maria.ivanova@ngo.example")).toBe("contains_email");
    expect(passwordProblem("xx-MARIA.IVANOVA-2024", "maria.ivanova@ngo.example")).toBe("contains_email");
    expect(passwordProblem("mariaivanova2024", "maria.ivanova@ngo.example")).toBe("contains_email");
    // The same password is fine for somebody else.
    expect(passwordProblem("xx-MARIA.IVANOVA-2024", "petr@ngo.example")).toBeNull();
  });

  test("the app's name with a short suffix is refused", () => {
    expect(passwordProblem("waypoint2024!")).toBe("contains_app_name");
    expect(passwordProblem("Way-Point-Way-Point")).toBeNull();
  });

  test("a good passphrase is accepted, with and without an e-mail", () => {
    expect(passwordProblem(GOOD)).toBeNull();
    expect(passwordProblem(GOOD, "maria.ivanova@ngo.example")).toBeNull();
    expect(passwordProblem("Пароли из слов тоже годятся")).toBeNull();
  });
});

describe("password hashes", () => {
  test("are argon2id PHC strings with m=19456, t=2, p=1 and a random salt", async () => {
    const [first, second] = await Promise.all([hashPassword(GOOD), hashPassword(GOOD)]);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(second).not.toBe(first);
    expect(first).not.toContain(GOOD);
  });

  test("verify the right password only, and a malformed hash verifies nothing", async () => {
    const stored = await hashPassword(GOOD);
    expect(await verifyPassword(stored, GOOD)).toBe(true);
    expect(await verifyPassword(stored, `${GOOD} `)).toBe(false);
    expect(await verifyPassword("not-a-hash", GOOD)).toBe(false);
  });
});
