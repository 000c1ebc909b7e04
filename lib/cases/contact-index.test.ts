import { describe, expect, test } from "vitest";
import { contactIndex, normaliseContact } from "./contact-index";

describe("the blind index of contact channels", () => {
  test("the same handle or number written differently is one value", () => {
    expect(normaliseContact("Signal @Anna.K")).toBe("anna.k");
    expect(normaliseContact("signal: @anna.k")).toBe("anna.k");
    expect(normaliseContact("  telegram  anna.k ")).toBe("anna.k");
    expect(normaliseContact("+7 (912) 345-67-89")).toBe("tel:79123456789");
    expect(normaliseContact("WhatsApp: +7 912 345 67 89")).toBe("tel:79123456789");
    expect(normaliseContact("anna@example.org")).toBe("annaexample.org");
    expect(contactIndex("Signal @Anna.K")).toBe(contactIndex("telegram: @anna.k"));
    expect(contactIndex("+7 912 345 67 89")).toBe(contactIndex("tel 79123456789"));
  });

  test("different people differ; the value is an HMAC, never the handle; too little to compare gives none", () => {
    expect(contactIndex("@anna.k")).not.toBe(contactIndex("@anna.l"));
    expect(contactIndex("@anna.k")).toMatch(/^[0-9a-f]{64}$/);
    expect(contactIndex("@anna.k")).not.toContain("anna");
    expect(contactIndex("signal")).toBeNull();
    expect(contactIndex("@a")).toBeNull();
  });
});
