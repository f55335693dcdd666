import { theme, type ThemeConfig } from 'antd';
import type { Channel, Settings } from './settings.ts';

/**
 * antd theme per channel and setting. Colours are chosen for WCAG 2.1 AA / GB/T 37668-2019 contrast: antd's
 * default blue (#1677ff, 4.1:1 on white) and its secondary text (45% black, 3.4:1) fall short for body text, so
 * both are darker here. antd derives hover and pressed shades by lightening the primary colour (#0b57d0 hovers as
 * #2f78de, 4.3:1 under white text; links hover as #5799eb, 2.9:1), so every shade a button or link passes through
 * is set here too: hover and pressed go darker on the light themes and lighter on the black one (WCAG 2.1 SC 1.4.3
 * holds in every state, not only at rest). The stylesheet (portal.css) carries the same palette as CSS variables.
 */
export const palette = {
  primary: '#0b57d0', // 6.4:1 on white
  primaryHover: '#0842a0', // 9.1:1 on white
  primaryActive: '#062e6f', // 12.9:1 on white
  text: '#1f1f1f',
  textSecondary: '#595959', // 6.5:1 on the page background
  border: '#8c8c8c',
  pageBg: '#f5f7fa',
  kioskPrimary: '#003a8c', // 10.6:1 on white
  kioskPrimaryHover: '#002766', // 14.2:1 on white
  kioskPrimaryActive: '#001d4d', // 16.4:1 on white
  contrastAccent: '#ffd60a', // 14.9:1 on black
  contrastAccentHover: '#ffe45c', // 16.5:1 on black
  contrastAccentActive: '#fff0a3', // 18.2:1 on black
  error: '#b3261e', // 6.5:1 on white
  errorHover: '#8c1d18', // 9.1:1 on white
  errorActive: '#601410', // 13.1:1 on white
  contrastError: '#ff8a80', // 9.2:1 on black
  contrastErrorHover: '#ffb4ab', // 12.4:1 on black
  contrastErrorActive: '#ffdad6', // 16.3:1 on black
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
        colorPrimaryHover: palette.contrastAccentHover,
        colorPrimaryActive: palette.contrastAccentActive,
        colorLink: palette.contrastAccent,
        colorLinkHover: palette.contrastAccentHover,
        colorLinkActive: palette.contrastAccentActive,
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
        colorError: palette.contrastError,
        colorErrorHover: palette.contrastErrorHover,
        colorErrorActive: palette.contrastErrorActive,
        colorSuccess: '#b9f6ca',
        colorWarning: palette.contrastAccent,
      },
      components: { Button: { primaryColor: '#000000', defaultBorderColor: '#ffffff' } },
    };
  }

  const primary = kiosk ? palette.kioskPrimary : palette.primary;
  const primaryHover = kiosk ? palette.kioskPrimaryHover : palette.primaryHover;
  const primaryActive = kiosk ? palette.kioskPrimaryActive : palette.primaryActive;
  return {
    algorithm: compact ? theme.compactAlgorithm : theme.defaultAlgorithm,
    token: {
      ...sizes,
      colorPrimary: primary,
      colorPrimaryHover: primaryHover,
      colorPrimaryActive: primaryActive,
      colorLink: primary,
      colorLinkHover: primaryHover,
      colorLinkActive: primaryActive,
      colorText: palette.text,
      colorTextSecondary: palette.textSecondary,
      colorTextTertiary: palette.textSecondary,
      colorTextDescription: palette.textSecondary,
      colorTextPlaceholder: '#6b6b6b',
      colorBorder: kiosk ? '#434343' : palette.border,
      colorBgLayout: palette.pageBg,
      colorError: palette.error,
      colorErrorHover: palette.errorHover,
      colorErrorActive: palette.errorActive,
      colorSuccess: '#135200',
    },
  };
}
