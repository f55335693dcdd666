import { splitHighlights } from './highlight.ts';

/**
 * A search snippet with its matches in <mark>. The text is untrusted document content: it is rendered as text
 * nodes only, never as HTML.
 */
export function Highlighted({
  text,
  highlights,
  truncatedStart = false,
  truncatedEnd = false,
}: {
  text: string;
  highlights: readonly (readonly number[])[];
  truncatedStart?: boolean;
  truncatedEnd?: boolean;
}) {
  return (
    <>
      {truncatedStart ? '…' : null}
      {splitHighlights(text, highlights).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}
      {truncatedEnd ? '…' : null}
    </>
  );
}
