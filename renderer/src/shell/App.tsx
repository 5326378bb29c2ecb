// The shell: header, navigation, connection banner, the current screen and alert toasts.
import { useEffect, useRef, useState, type ComponentType } from 'react';
import './shell.css';
import { ConnectionBanner } from './ConnectionBanner';
import { DemoBanner } from './DemoBanner';
import { Header } from './Header';
import { Nav } from './Nav';
import { Toasts } from './Toasts';
import { useAppInfo } from '../api/useAppInfo';
import { useConnectionStatus } from '../api/useConnectionStatus';
import { useLiveSync } from '../api/useLiveSync';
import { useOpenLedgerRequests } from '../features/ledger/useOpenLedgerRequests';
import { ModalGuardContext, useModalGuardedScreen } from '../ui/modal-guard';
import { ScreenNavContext, type ScreenId } from '../ui/screen-nav';
import { rememberScreen, screenFromLocation } from './screen-location';
import { BreakersScreen } from '../features/breakers/BreakersScreen';
import { CacheScreen } from '../features/cache/CacheScreen';
import { FleetScreen } from '../features/fleet/FleetScreen';
import { GatewayScreen } from '../features/gateway/GatewayScreen';
import { LedgerScreen } from '../features/ledger/LedgerScreen';
import { SpendScreen } from '../features/spend/SpendScreen';

const SCREENS: Record<ScreenId, ComponentType> = {
  spend: SpendScreen,
  breakers: BreakersScreen,
  cache: CacheScreen,
  ledger: LedgerScreen,
  gateway: GatewayScreen,
  fleet: FleetScreen,
};

export function App({ initialScreen }: { initialScreen?: ScreenId }) {
  useLiveSync();
  const app = useAppInfo();
  const connection = useConnectionStatus();
  // The screen shown before a reload, else Live spend.
  const [screen, setScreen] = useState<ScreenId>(() => initialScreen ?? screenFromLocation() ?? 'spend');
  useEffect(() => rememberScreen(screen), [screen]);
  // An open dialog keeps its screen: a switch asked from the page waits for nothing (it is
  // ignored), one asked from outside (the menu's Open Ledger) happens once the dialog closes.
  const { guard, show, showWhenFree } = useModalGuardedScreen(setScreen);
  useOpenLedgerRequests(() => showWhenFree('ledger'));
  const Screen = SCREENS[screen];
  // Each screen opens at its top, not at the scroll position the previous one was left at.
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    if (main.current) main.current.scrollTop = 0;
  }, [screen]);
  return (
    <ModalGuardContext.Provider value={guard}>
      <div className="app">
        <Header app={app.data} connection={connection} />
        <div className="app__body">
          <Nav current={screen} onChange={show} />
          <main className="app__main" ref={main}>
            <ConnectionBanner status={connection} />
            <DemoBanner app={app.data} />
            <ScreenNavContext.Provider value={show}>
              {connection === 'unauthorized' ? null : <Screen />}
            </ScreenNavContext.Provider>
          </main>
        </div>
        <Toasts current={screen} onView={show} />
      </div>
    </ModalGuardContext.Provider>
  );
}
