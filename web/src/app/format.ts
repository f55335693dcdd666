import { t } from '../i18n/index.ts';

/** '2023-05-22' → '2023年5月22日'; anything else is shown as it came. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return t('common.none');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? t('format.date', { year: m[1]!, month: Number(m[2]), day: Number(m[3]) }) : iso;
}

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** A timestamp in Beijing time, whatever the device's zone: the 公报 and its deadlines live there. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** 聊城市人民政府公报 2023年第5期 → '2023年第5期' */
export function issueNumberLabel(issue: { year: number; number: number }): string {
  return t('issue.title', { year: issue.year, number: issue.number });
}

export function issueFullTitle(issue: { title: string; year: number; number: number }): string {
  return `${issue.title} ${issueNumberLabel(issue)}`;
}
