import { DatePicker } from 'antd';
// antd's DatePicker takes dayjs values (dayjs comes with antd); its Chinese month and day names need the locale.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { t } from '../../i18n/index.ts';
import { isValidDate } from './answers.ts';

dayjs.locale('zh-cn');

/**
 * A date as 'YYYY-MM-DD': typed (the format is in the placeholder and the hint) or picked from the calendar.
 * Typing is the keyboard way: the calendar opens beside the field and Enter takes the typed date.
 */
export function DateInput({
  id,
  value,
  onChange,
  describedBy,
  invalid,
  disabledAfter,
  enterSubmits = true,
}: {
  id: string;
  value: string | undefined;
  onChange: (value: string) => void;
  describedBy?: string;
  invalid?: boolean;
  /** The last day that can be chosen (a birth date is not in the future). */
  disabledAfter?: string;
  /**
   * Whether Enter, which takes the typed date, also submits the form (as Enter does in a text field). Not in
   * a row of a list, where the visitor may want another row.
   */
  enterSubmits?: boolean;
}) {
  const last = disabledAfter ? dayjs(disabledAfter) : null;
  return (
    <DatePicker
      id={id}
      className="date-input"
      value={value && isValidDate(value) ? dayjs(value) : null}
      format="YYYY-MM-DD"
      placeholder={t('calc.datePlaceholder')}
      onChange={(_, text) => onChange(typeof text === 'string' ? text : '')}
      disabledDate={last ? (d) => d.isAfter(last, 'day') : undefined}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      status={invalid ? 'error' : undefined}
      allowClear
      onKeyDown={enterSubmits ? undefined : (e) => e.key === 'Enter' && e.preventDefault()}
      // The calendar opens inside the page's <main> (antd would put it at the end of <body>, outside every
      // landmark), so that it is read where the field is.
      getPopupContainer={(field) => field.parentElement ?? document.body}
    />
  );
}
