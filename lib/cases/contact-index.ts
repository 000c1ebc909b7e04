import { createHmac } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The blind index of contact channels (ADR 031): an HMAC, under CONTACT_INDEX_KEY, of the channel
 * reduced to the handle or number that reaches the person, so that the same person coming back
 * through "Signal @Anna.K" and "signal: @anna.k" is found, without the handle ever being stored in
 * clear. Two cases with one index value are *possibly* one person: a coordinator decides.
 */

/** Words that name a messenger or a kind of address, not the person. */
const CHANNEL_WORDS =
  /\b(signal|telegram|tg|whatsapp|wa|viber|threema|wire|element|matrix|session|simplex|skype|e-?mail|mail|phone|tel|mobile|sms|via|on|at)\b/g;

export function normaliseContact(channel: string): string {
  const text = channel.normalize("NFKC").toLowerCase().trim();
  const digits = text.replace(/[^\d]/g, "");
  // A phone number, however it is written ("+7 (912) 345-67-89"): its digits.
  if (/^[\s\d()+\-./]+$/.test(text.replace(CHANNEL_WORDS, "").replace(/[:,]/g, "")) && digits.length >= 7) return `tel:${digits}`;
  return text.replace(CHANNEL_WORDS, "").replace(/[\s:,;@"'()[\]<>]+/g, "");
}

/** The index value of a contact channel, or null when nothing of it is left to compare. */
export function contactIndex(channel: string): string | null {
  const normal = normaliseContact(channel);
  if (normal.length < 3) return null;
  return createHmac("sha256", env().CONTACT_INDEX_KEY).update(normal).digest("hex");
}
