// Renderer entry: picks the transport once, builds the API, and mounts the app.
import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
// Global styles first, then the shared components': the shell and each screen load their own after them.
import './styles.css';
import './ui/ui.css';
import { App } from './shell/App';
import { AppProviders } from './shell/AppProviders';
import { chooseTransport } from './api/choose-transport';
import { createApi } from './api/create-api';
import { createQueryClient } from './api/query-client';

// The CSP forbids eval: keep zod from probing for it (which logs a CSP violation).
z.config({ jitless: true });

// A file dropped outside the ledger drop zone must not navigate the window to it.
for (const type of ['dragover', 'drop'] as const) window.addEventListener(type, (e) => e.preventDefault());

const api = createApi(chooseTransport());
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <AppProviders api={api} queryClient={createQueryClient()}>
      <App />
    </AppProviders>
  </StrictMode>,
);
