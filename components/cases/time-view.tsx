/**
 * A <time> element's parts as plain data: what time.tsx makes from a formatter, and what a list
 * hands its client-side rows (no next-intl here, so a client component can render it without messages).
 */
export interface TimeView {
  dateTime: string;
  title?: string;
  text: string;
}

export function timeElement({ dateTime, title, text }: TimeView) {
  return (
    <time dateTime={dateTime} title={title}>
      {text}
    </time>
  );
}
