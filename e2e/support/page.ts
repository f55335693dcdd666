import type { Page } from 'playwright-core';

/**
 * Waits until the page shows the current URL, with its code and data loaded (<main aria-busy="false">, set by
 * the layouts) and its heading on screen: the state a visitor would read. Two animation frames first, so that
 * a query started by the last render has marked the page busy. After a click that navigates, wait for the new
 * URL first: the router renders a navigation as a transition, which may not have started yet.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await page.waitForFunction(() => {
    const main = document.getElementById('main');
    return (
      main?.getAttribute('aria-busy') === 'false' &&
      main.getAttribute('data-location') === location.pathname + location.search
    );
  });
  await page.locator('h1').first().waitFor({ state: 'visible' });
}

/** The URL's path and hash, decoded: '/documents/5#第三十条'. */
export function decodedPath(page: Page): string {
  const u = new URL(page.url());
  return decodeURIComponent(u.pathname + u.search + u.hash);
}

/** Describes the focused element, for keyboard tests. */
export function focused(
  page: Page,
): Promise<{ tag: string; id: string; text: string; attr: Record<string, string> }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const attr: Record<string, string> = {};
    for (const a of el?.attributes ?? []) attr[a.name] = a.value;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      text: el?.textContent?.trim() ?? '',
      attr,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user would; fails after `max`
 * presses, which means the element cannot be reached by keyboard.
 */
export async function tabUntil(
  page: Page,
  match: (el: Awaited<ReturnType<typeof focused>>) => boolean,
  { max = 80, backwards = false } = {},
): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (match(await focused(page))) return;
  }
  const last = await focused(page);
  throw new Error(
    `not reached by keyboard in ${max} presses; focus is on <${last.tag}> "${last.text.slice(0, 40)}"`,
  );
}

/**
 * Opens a path of the portal the way a visitor's click does, without reloading the page's code: a full load on
 * 2 cores costs about a second, which adds up over every page in every mode. The first visit is a real load.
 */
export async function visit(page: Page, origin: string, path: string): Promise<void> {
  if (!page.url().startsWith(origin)) {
    await page.goto(origin + path);
  } else {
    await page.evaluate((p) => {
      window.history.pushState(null, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  }
  await settled(page);
}
