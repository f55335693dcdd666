import { useQueryClient } from '@tanstack/react-query';
import { Button, Modal } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { NavigationType, Outlet, useLocation, useNavigate, useNavigationType } from 'react-router';
import { KIOSK_CONFIG_KEY, parseKioskConfig, type KioskConfig } from '../features/kiosk/idle.ts';
import { useIdleReset } from '../features/kiosk/useIdleReset.ts';
import { SettingsToggles } from '../features/settings/SettingsToggles.tsx';
import { t } from '../i18n/index.ts';
import { ChannelProvider } from './channel.tsx';
import { ButtonLink } from './components/ButtonLink.tsx';
import { useRouteChangeFocus } from './route-focus.ts';
import { useMainAttributes } from './useBusy.ts';
import { SettingsProvider } from './settings-context.tsx';
import { SkipLink } from './SkipLink.tsx';
import { ThemedRoot } from './ThemedRoot.tsx';

function readKioskConfig(search: string): KioskConfig {
  let stored: string | null = null;
  try {
    stored = window.sessionStorage.getItem(KIOSK_CONFIG_KEY);
  } catch {
    stored = null;
  }
  const config = parseKioskConfig(new URLSearchParams(search), stored);
  try {
    window.sessionStorage.setItem(KIOSK_CONFIG_KEY, JSON.stringify(config));
  } catch {
    // Storage blocked: the URL's values still apply to this page.
  }
  return config;
}

/** How many kiosk pages the visitor has opened, so "返回上一页" never walks back into the previous visitor's. */
function useVisitDepth(generation: number): number {
  const location = useLocation();
  const type = useNavigationType();
  const [state, setState] = useState({ depth: 0, key: location.key, generation });
  if (state.generation !== generation) {
    setState({ depth: 0, key: location.key, generation });
  } else if (state.key !== location.key) {
    const depth =
      type === NavigationType.Push
        ? state.depth + 1
        : type === NavigationType.Pop
          ? Math.max(0, state.depth - 1)
          : state.depth;
    setState({ depth, key: location.key, generation });
  }
  return state.depth;
}

function KioskFrame({
  config,
  generation,
  onReset,
}: {
  config: KioskConfig;
  generation: number;
  onReset: () => void;
}) {
  const navigate = useNavigate();
  const depth = useVisitDepth(generation);
  const { idle, stay } = useIdleReset(config, onReset);
  useRouteChangeFocus();
  const mainAttributes = useMainAttributes();

  return (
    <div className="site kiosk">
      <SkipLink />
      <header className="site-header kiosk-header">
        <div className="site-header-inner">
          <p className="brand kiosk-brand">
            <span className="brand-mark" aria-hidden="true">
              {t('app.mark')}
            </span>
            <span className="brand-name">{t('kiosk.title')}</span>
          </p>
          <nav className="kiosk-nav" aria-label={t('nav.label')}>
            <ButtonLink primary to="/kiosk">
              {t('kiosk.home')}
            </ButtonLink>
            <Button size="large" disabled={depth === 0} onClick={() => void navigate(-1)}>
              {t('kiosk.back')}
            </Button>
          </nav>
          <SettingsToggles only={['highContrast']} />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main" {...mainAttributes} key={generation}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('kiosk.help')}</p>
      </footer>
      <Modal
        open={idle.phase === 'warning'}
        title={t('kiosk.idleTitle')}
        onCancel={stay}
        closable={false}
        maskClosable
        footer={[
          <Button key="reset" size="large" onClick={onReset}>
            {t('kiosk.idleReset')}
          </Button>,
          <Button key="stay" size="large" type="primary" onClick={stay} autoFocus>
            {t('kiosk.idleContinue')}
          </Button>,
        ]}
      >
        <p className="kiosk-countdown" role="timer" aria-live="off">
          {idle.phase === 'warning' ? t('kiosk.idleBody', { seconds: idle.secondsLeft }) : null}
        </p>
      </Modal>
    </div>
  );
}

/**
 * The self-service kiosk (自助端): large touch targets, strong contrast, no hover-only controls, no link that
 * leaves the kiosk, and an idle reset that returns to the start page and forgets the visitor's input, settings
 * and searches.
 */
export function KioskLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [config] = useState(() => readKioskConfig(location.search));
  const [generation, setGeneration] = useState(0);
  const resetting = useRef(false);

  const reset = useCallback(() => {
    if (resetting.current) return;
    resetting.current = true;
    queryClient.removeQueries({ queryKey: ['search'] });
    // What the visitor typed into the calculator or the match form (never stored by the server).
    queryClient.removeQueries({ queryKey: ['calculator'] });
    queryClient.removeQueries({ queryKey: ['match'] });
    void navigate('/kiosk', { replace: true });
    setGeneration((g) => g + 1);
    window.scrollTo({ top: 0 });
  }, [navigate, queryClient]);
  useEffect(() => {
    resetting.current = false;
  }, [generation]);

  return (
    <ChannelProvider channel="kiosk">
      <SettingsProvider key={generation} storage="memory" initial={{ largeFont: true }}>
        <ThemedRoot channel="kiosk">
          <KioskFrame config={config} generation={generation} onReset={reset} />
        </ThemedRoot>
      </SettingsProvider>
    </ChannelProvider>
  );
}
