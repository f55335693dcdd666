import { App, Button, Input } from 'antd';
import { t } from '../../i18n/index.ts';
import { copyText } from './clipboard.ts';

/**
 * "复制链接" for one article. The visible label is the start of the accessible name, which adds the article
 * ("复制链接（第三十条）"), so voice control users can say what they see (WCAG 2.5.3).
 */
export function CopyLinkButton({ anchor, label }: { anchor: string; label: string }) {
  const { message, modal } = App.useApp();
  const copy = async () => {
    const url = new URL(window.location.href);
    url.hash = anchor;
    const href = url.toString();
    if (await copyText(href)) {
      void message.success(t('document.copied', { label }));
    } else {
      modal.info({
        title: t('document.linkTo', { label }),
        content: (
          <>
            <p>{t('document.copyFailed')}</p>
            <Input readOnly value={href} aria-label={t('document.linkTo', { label })} autoFocus />
          </>
        ),
      });
    }
  };
  return (
    <Button
      size="small"
      type="link"
      className="copy-link"
      onClick={() => void copy()}
      data-copy-link={anchor}
      aria-label={t('document.copyLink') + t('document.copyLinkOf', { label })}
    >
      {t('document.copyLink')}
    </Button>
  );
}
