import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Channel } from './settings.ts';

interface ChannelValue {
  channel: Channel;
  /** '' on PC and phone, '/kiosk' on the kiosk: every internal link is built with `to()` and stays there. */
  base: string;
  to: (path: string) => string;
}

const ChannelContext = createContext<ChannelValue>({ channel: 'web', base: '', to: (p) => p });

export function ChannelProvider({ channel, children }: { channel: Channel; children: ReactNode }) {
  const value = useMemo<ChannelValue>(() => {
    const base = channel === 'kiosk' ? '/kiosk' : '';
    return { channel, base, to: (path) => (path === '/' ? base || '/' : base + path) };
  }, [channel]);
  return <ChannelContext value={value}>{children}</ChannelContext>;
}

export function useChannel(): ChannelValue {
  return useContext(ChannelContext);
}
