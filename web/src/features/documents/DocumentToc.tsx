import { Button } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { t } from '../../i18n/index.ts';
import type { TocEntry } from './anchors.ts';

function Entries({
  entries,
  depth,
  current,
}: {
  entries: TocEntry[];
  depth: number;
  current: string | null;
}) {
  return (
    <ol className={`toc-list toc-depth-${depth}`}>
      {entries.map((e) => (
        <li key={e.id}>
          <a
            href={`#${e.id}`}
            className={e.id === current ? 'toc-link toc-current' : 'toc-link'}
            aria-current={e.id === current ? 'location' : undefined}
            data-toc={e.id}
          >
            <span className="toc-label">{e.label}</span>
            {e.title ? <span className="toc-title">{e.title}</span> : null}
          </a>
          {e.children.length > 0 ? (
            <Entries entries={e.children} depth={depth + 1} current={current} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * The table of contents: a sticky side column on wide screens; on a phone it folds behind a "目录" button
 * (aria-expanded), so the text starts on the first screen.
 */
export function DocumentToc({ entries, current }: { entries: TocEntry[]; current: string | null }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const navRef = useRef<HTMLElement>(null);
  // Keep the current entry in view inside the sticky column, without scrolling the page.
  useEffect(() => {
    const nav = navRef.current;
    const link = nav?.querySelector<HTMLElement>('.toc-current');
    if (!nav || !link) return;
    const top = link.offsetTop - nav.offsetTop;
    if (top < nav.scrollTop || top > nav.scrollTop + nav.clientHeight - link.offsetHeight) {
      nav.scrollTop = Math.max(0, top - nav.clientHeight / 3);
    }
  }, [current]);
  if (entries.length === 0) return null;
  return (
    <nav
      ref={navRef}
      className={open ? 'document-toc toc-open' : 'document-toc'}
      aria-labelledby={`${listId}-title`}
    >
      <h2 id={`${listId}-title`} className="toc-heading">
        {t('document.toc')}
      </h2>
      <Button
        className="toc-toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((v) => !v)}
        block
      >
        {t('document.tocToggle')}
        <span aria-hidden="true">{open ? ' ▲' : ' ▼'}</span>
      </Button>
      <div id={listId} className="toc-body">
        <Entries entries={entries} depth={0} current={current} />
      </div>
    </nav>
  );
}
