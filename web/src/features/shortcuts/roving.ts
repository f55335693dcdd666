/**
 * Which element J/K move to in window mode: the next (or previous) `[data-nav-item]` after the focused element
 * in document order, skipping the focused element's own descendants (a focused article's own heading link).
 * With nothing usable focused, J starts at the first item and K at the last.
 */
// Node.DOCUMENT_POSITION_* (spelled out so that the logic runs, and is tested, without a DOM).
const PRECEDING = 2;
const FOLLOWING = 4;
const CONTAINS = 8;
const CONTAINED_BY = 16;

type Positioned = Pick<Node, 'compareDocumentPosition'>;

export function nextNavItem<T extends Positioned>(
  items: readonly T[],
  active: (Positioned & { ownerDocument?: { body: unknown } | null }) | null,
  direction: 1 | -1,
): T | null {
  if (items.length === 0) return null;
  if (!active || active === active.ownerDocument?.body) {
    return direction === 1 ? items[0]! : items[items.length - 1]!;
  }
  if (direction === 1) {
    return (
      items.find((el) => {
        const pos = active.compareDocumentPosition(el as unknown as Node);
        return (pos & FOLLOWING) !== 0 && (pos & CONTAINED_BY) === 0;
      }) ?? null
    );
  }
  for (let i = items.length - 1; i >= 0; i--) {
    const el = items[i]!;
    const pos = active.compareDocumentPosition(el as unknown as Node);
    if ((pos & PRECEDING) !== 0 && (pos & CONTAINS) === 0) return el;
  }
  return null;
}

/** Keys that type text must not trigger shortcuts (WCAG 2.1.4: shortcuts only where nothing is being typed). */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as Partial<Pick<Element, 'closest'>> | null;
  if (!el || typeof el.closest !== 'function') return false;
  return el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}
