import { theme } from 'antd';
import { describe, expect, it } from 'vitest';
import type { Channel, Settings } from './settings.ts';
import { buildTheme } from './theme.ts';

/** Contrast ratio of two opaque #rrggbb colours (WCAG 2.1, definitions of relative luminance and contrast ratio). */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const MODES: [string, Partial<Settings>, Channel][] = [
  ['normal', {}, 'web'],
  ['large font', { largeFont: true }, 'web'],
  ['window mode', { windowMode: true }, 'web'],
  ['high contrast', { highContrast: true }, 'web'],
  ['kiosk', {}, 'kiosk'],
  ['kiosk, high contrast', { highContrast: true }, 'kiosk'],
];

describe('theme colours in every state (WCAG 2.1 SC 1.4.3, 4.5:1)', () => {
  it.each(MODES)('%s: hovered and pressed buttons and links keep AA contrast', (_, s, channel) => {
    const config = buildTheme({ largeFont: false, highContrast: false, windowMode: false, ...s }, channel);
    const token = theme.getDesignToken(config);
    // A solid primary button's label: antd's colorTextLightSolid, or the theme's own Button.primaryColor.
    const label = config.components?.Button?.primaryColor ?? token.colorTextLightSolid;
    const surface = token.colorBgContainer;
    const pairs: [string, string, string][] = [
      ['primary button', token.colorPrimary, label],
      ['primary button hovered', token.colorPrimaryHover, label],
      ['primary button pressed', token.colorPrimaryActive, label],
      ['default button hovered', token.colorPrimaryHover, surface],
      ['default button pressed', token.colorPrimaryActive, surface],
      ['link', token.colorLink, surface],
      ['link hovered', token.colorLinkHover, surface],
      ['link pressed', token.colorLinkActive, surface],
      ['danger button hovered', token.colorErrorHover, s.highContrast ? '#000000' : '#ffffff'],
      ['danger text hovered', token.colorErrorHover, surface],
    ];
    const failing = pairs
      .map(([what, fg, bg]) => [what, fg, bg, contrast(fg, bg)] as const)
      .filter(([, , , ratio]) => ratio < 4.5)
      .map(([what, fg, bg, ratio]) => `${what}: ${fg} on ${bg} is ${ratio.toFixed(2)}:1`);
    expect(failing).toEqual([]);
  });
});
