import { theme, type ThemeConfig } from 'antd';
import type { Channel, Settings } from './settings.ts';

/**
 * antd theme per channel and setting. Colours are chosen for WCAG 2.1 AA / GB/T 37668-2019 contrast: antd's
 * default blue (#1677ff, 4.1:1 on white) and its secondary text (45% black, 3.4:1) fall short for body text, so
 * both are darker here. The stylesheet (portal.css) carries the same palette as CSS variables.
 */
export const palette = {
  primary: '#0b57d0', // 6.4:1 on white
  text: '#1f1f1f',
  textSecondary: '#595959', // 6.5:1 on the page background
  border: '#8c8c8c',
  pageBg: '#f5f7fa',
  kioskPrimary: '#003a8c', // 10.6:1 on white
  contrastAccent: '#ffd60a', // 14.9:1 on black
} as const;

export function buildTheme(settings: Settings, channel: Channel): ThemeConfig {
  const kiosk = channel === 'kiosk';
  const large = settings.largeFont || kiosk;
  const compact = settings.windowMode && !kiosk && !large;
  const fontSize = kiosk ? 22 : large ? 20 : compact ? 14 : 16;
  const controlHeight = kiosk ? 56 : large ? 48 : compact ? 30 : 40;

  const sizes: ThemeConfig['token'] = {
    fontSize,
    controlHeight,
    controlHeightLG: controlHeight + 8,
    controlHeightSM: Math.round(controlHeight * 0.75),
    borderRadius: kiosk ? 8 : 6,
    fontFamily:
      '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", sans-serif',
  };

  if (settings.highContrast) {
    return {
      algorithm: theme.darkAlgorithm,
      token: {
        ...sizes,
        colorPrimary: palette.contrastAccent,
        colorLink: palette.contrastAccent,
        colorText: '#ffffff',
        colorTextSecondary: '#f0f0f0',
        colorTextTertiary: '#e0e0e0',
        colorTextDescription: '#e0e0e0',
        colorTextLightSolid: '#000000',
        colorBorder: '#ffffff',
        colorBorderSecondary: '#bfbfbf',
        colorBgLayout: '#000000',
        colorBgContainer: '#000000',
        colorBgElevated: '#141414',
        colorError: '#ff8a80',
        colorSuccess: '#b9f6ca',
        colorWarning: palette.contrastAccent,
      },
      components: { Button: { primaryColor: '#000000', defaultBorderColor: '#ffffff' } },
    };
  }

  const primary = kiosk ? palette.kioskPrimary : palette.primary;
  return {
    algorithm: compact ? theme.compactAlgorithm : theme.defaultAlgorithm,
    token: {
      ...sizes,
      colorPrimary: primary,
      colorLink: primary,
      colorText: palette.text,
      colorTextSecondary: palette.textSecondary,
      colorTextTertiary: palette.textSecondary,
      colorTextDescription: palette.textSecondary,
      colorTextPlaceholder: '#6b6b6b',
      colorBorder: kiosk ? '#434343' : palette.border,
      colorBgLayout: palette.pageBg,
      colorError: '#b3261e',
      colorSuccess: '#135200',
    },
  };
}
