import { Button } from 'antd';
import { useSettings } from '../../app/settings-context.tsx';
import type { Settings } from '../../app/settings.ts';
import { t, type MessageKey } from '../../i18n/index.ts';

const TOGGLES: { key: keyof Settings; label: MessageKey; hint: MessageKey }[] = [
  { key: 'largeFont', label: 'settings.largeFont', hint: 'settings.largeFont.hint' },
  { key: 'highContrast', label: 'settings.highContrast', hint: 'settings.highContrast.hint' },
  { key: 'windowMode', label: 'settings.windowMode', hint: 'settings.windowMode.hint' },
];

/**
 * One toggle button per setting (aria-pressed), each remembered. The hint is a description for assistive
 * technology, not a hover-only tooltip.
 */
export function SettingsToggles({ only }: { only?: (keyof Settings)[] }) {
  const { settings, toggle } = useSettings();
  return (
    <div className="settings-toggles" role="group" aria-label={t('settings.label')}>
      {TOGGLES.filter((x) => !only || only.includes(x.key)).map(({ key, label, hint }) => (
        <Button
          key={key}
          className="settings-toggle"
          aria-pressed={settings[key]}
          aria-description={t(hint)}
          type={settings[key] ? 'primary' : 'default'}
          onClick={() => toggle(key)}
          data-setting={key}
        >
          <span aria-hidden="true" className="settings-toggle-mark">
            {settings[key] ? '✓ ' : ''}
          </span>
          {t(label)}
        </Button>
      ))}
    </div>
  );
}
