import { Alert } from 'antd';
import { Link } from 'react-router';
import { t } from '../../i18n/index.ts';
import { useChannel } from '../channel.tsx';
import { formatDate } from '../format.ts';

/** A repeal as the public reads it (`repeal` of GET /api/documents/{id}; GET /api/items/{code}/repeal). */
export interface RepealInfo {
  /** The first day no longer in force. */
  on: string;
  reason: string | null;
  /** The repealing document's 文号. */
  docNumber: string | null;
  /** That document in the library, when the library holds it. */
  documentId: number | null;
}

/**
 * 已废止, said in full: from when, why, and by which document (linked when the library holds it), so that a
 * visitor who follows an old link learns why it no longer applies and where to read on. A repeal is approved
 * with all three (docs/access.md, "文件的维护、更正与废止"); the reason may be missing only on older records.
 *
 * @example <RepealNotice subject="document" repeal={doc.repeal} />
 */
export function RepealNotice({ subject, repeal }: { subject: 'document' | 'item'; repeal: RepealInfo }) {
  const { to } = useChannel();
  const by =
    repeal.docNumber === null ? null : repeal.documentId !== null ? (
      <Link to={to(`/documents/${repeal.documentId}`)}>{repeal.docNumber}</Link>
    ) : (
      <>
        {repeal.docNumber}
        <span className="muted">{t('repeal.notHeld')}</span>
      </>
    );
  return (
    <Alert
      className="repeal-notice"
      type="warning"
      showIcon
      title={t(subject === 'document' ? 'repeal.document' : 'repeal.item', { date: formatDate(repeal.on) })}
      description={
        <dl className="repeal-notice-facts">
          {repeal.reason ? (
            <div>
              <dt>{t('repeal.reason')}</dt>
              <dd>{repeal.reason}</dd>
            </div>
          ) : null}
          {by ? (
            <div>
              <dt>{t('repeal.by')}</dt>
              <dd>{by}</dd>
            </div>
          ) : null}
        </dl>
      }
    />
  );
}
