import type { ValidityStatus } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';

/**
 * 现行有效 / 尚未施行 / 已失效 / 已废止: the status is in the words, not only in the colour (WCAG 1.4.1), and the
 * colours meet AA contrast in every mode (portal.css).
 */
export function ValidityBadge({
  status,
  size = 'normal',
}: {
  status: ValidityStatus;
  size?: 'normal' | 'large';
}) {
  return (
    <span className={`validity-badge validity-${status} validity-${size}`} data-validity={status}>
      {t(`validity.${status}`)}
    </span>
  );
}
