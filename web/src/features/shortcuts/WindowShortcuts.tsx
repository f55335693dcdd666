import { Modal } from 'antd';
import { useEffect, useState } from 'react';
import { t, type MessageKey } from '../../i18n/index.ts';
import { isTypingTarget, nextNavItem } from './roving.ts';

const KEYS: [string, MessageKey][] = [
  ['/', 'shortcuts.search'],
  ['J', 'shortcuts.next'],
  ['K', 'shortcuts.prev'],
  ['Enter', 'shortcuts.openItem'],
  ['Esc', 'shortcuts.top'],
  ['?', 'shortcuts.help'],
];

function focusSearch(): void {
  const input = document.querySelector<HTMLInputElement>('[data-search-input]');
  input?.focus();
  input?.select();
}

function moveFocus(direction: 1 | -1): void {
  const items = [...document.querySelectorAll<HTMLElement>('main [data-nav-item]')].filter(
    (el) => el.offsetParent !== null,
  );
  const next = nextNavItem(items, document.activeElement, direction);
  if (next) {
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  }
}

/**
 * Window mode's keyboard shortcuts. Single-character keys are live only in window mode, which is a setting a
 * user can switch off, and never while typing (WCAG 2.1.4). Esc in the search box leaves it, so that J and K work.
 */
export function WindowShortcuts() {
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTypingTarget(e.target)) {
        if (e.key === 'Escape' && e.target instanceof HTMLElement) e.target.blur();
        return;
      }
      if (document.querySelector('.ant-modal-wrap')) return;
      switch (e.key) {
        case '/':
          e.preventDefault();
          focusSearch();
          break;
        case 'j':
        case 'J':
          e.preventDefault();
          moveFocus(1);
          break;
        case 'k':
        case 'K':
          e.preventDefault();
          moveFocus(-1);
          break;
        case '?':
          e.preventDefault();
          setHelpOpen(true);
          break;
        case 'Escape':
          document.getElementById('main')?.focus();
          window.scrollTo({ top: 0 });
          break;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <p className="shortcut-bar">{t('shortcuts.bar')}</p>
      <Modal
        open={helpOpen}
        title={t('shortcuts.title')}
        onCancel={() => setHelpOpen(false)}
        onOk={() => setHelpOpen(false)}
        okText={t('shortcuts.close')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <dl className="shortcut-list">
          {KEYS.map(([key, label]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{t(label)}</dd>
            </div>
          ))}
        </dl>
      </Modal>
    </>
  );
}
