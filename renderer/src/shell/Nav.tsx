// Left navigation between the screens.
import type { ScreenId } from '../ui/screen-nav';

const ITEMS: { id: ScreenId; label: string; icon: string }[] = [
  { id: 'spend', label: 'Live spend', icon: 'M3 17l5-6 4 3 6-8 3 3' },
  { id: 'breakers', label: 'Breakers', icon: 'M12 3v7M7 6a7 7 0 1 0 10 0' },
  {
    id: 'cache',
    label: 'Cache',
    icon: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zm0 0v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  },
  { id: 'ledger', label: 'Ledger', icon: 'M6 3h9l4 4v14H6zM9 9h7M9 13h7M9 17h5' },
  { id: 'gateway', label: 'Gateway', icon: 'M4 12h4m8 0h4M8 8h8v8H8zM12 4v4m0 8v4' },
  { id: 'fleet', label: 'Fleet', icon: 'M4 5h6v5H4zM14 5h6v5h-6zM4 14h6v5H4zM14 14h6v5h-6z' },
];

export function Nav({ current, onChange }: { current: ScreenId; onChange: (id: ScreenId) => void }) {
  return (
    <nav className="nav" aria-label="Screens">
      {ITEMS.map((item) => (
        <button
          key={item.id}
          type="button"
          className={`nav__item ${current === item.id ? 'nav__item--active' : ''}`}
          aria-current={current === item.id ? 'page' : undefined}
          onClick={() => onChange(item.id)}
        >
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path
              d={item.icon}
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          {item.label}
        </button>
      ))}
    </nav>
  );
}
