import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useLayoutEffect, useMemo, type ReactNode } from 'react';
import { useSettings } from './settings-context.tsx';
import { rootAttributes, type Channel } from './settings.ts';
import { buildTheme } from './theme.ts';

/**
 * antd's locale and theme for a channel, and the `<html>` attributes that portal.css keys on.
 * `autoInsertSpace={false}`: antd writes 2-character button labels as "搜 索", which a screen reader then reads
 * as two words; the label must be heard as written.
 */
export function ThemedRoot({ channel, children }: { channel: Channel; children: ReactNode }) {
  const { settings } = useSettings();
  const theme = useMemo(() => buildTheme(settings, channel), [settings, channel]);
  useLayoutEffect(() => {
    const root = document.documentElement;
    for (const [name, value] of Object.entries(rootAttributes(settings, channel)))
      root.setAttribute(name, value);
  }, [settings, channel]);
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }} wave={{ disabled: true }}>
      <AntApp component={false}>{children}</AntApp>
    </ConfigProvider>
  );
}
