// How to point an application at the gateway: its base URL, its API key (hidden until asked
// for), and a snippet in curl, Python or Node.js.
import { useState } from 'react';
import type { AppInfo } from '../../../../shared/ipc/contract';
import { snippet, SNIPPET_LABEL, type SnippetKind } from './snippets';
import { CopyButton } from '../../ui/CopyButton';
import { Panel } from '../../ui/Panel';
import { EmptyState } from '../../ui/States';

const MASK = '•'.repeat(24);
const KINDS: SnippetKind[] = ['curl', 'python', 'node'];

export function ConnectPanel({ gateway, model }: { gateway: AppInfo['gateway']; model: string }) {
  const [shown, setShown] = useState(false);
  const [kind, setKind] = useState<SnippetKind>('curl');

  if (gateway === null)
    return (
      <Panel title="Connect an application">
        <EmptyState title="The gateway is not running.">
          Applications cannot call PENIN until the router core starts; the other screens say why. The ledger
          browser works meanwhile.
        </EmptyState>
      </Panel>
    );

  const baseUrl = `${gateway.url}/v1`;
  const code = snippet(kind, baseUrl, model);
  return (
    <Panel
      title="Connect an application"
      subtitle="Any OpenAI-compatible client works: give it this base URL and API key."
    >
      <dl className="connect">
        <dt>Base URL</dt>
        <dd>
          <code className="connect__value">{baseUrl}</code>
          <CopyButton text={() => baseUrl} what="base URL" />
        </dd>
        <dt>API key</dt>
        <dd>
          <code className="connect__value" aria-label={shown ? 'API key' : 'API key (hidden)'}>
            {shown ? gateway.token : MASK}
          </code>
          <button type="button" className="btn btn--small" onClick={() => setShown((s) => !s)}>
            {shown ? 'Hide' : 'Show'}
          </button>
          <CopyButton text={() => gateway.token} what="API key" />
        </dd>
      </dl>
      <p className="muted small">
        Sent as <code>Authorization: Bearer …</code>; any other key gets 401. The snippets read it from{' '}
        <code>PENIN_API_KEY</code>, so they can be shared without it. Each answer carries{' '}
        <code>x-penin-decision-id</code>: the ledger entry that records it (search the Ledger screen for it).
      </p>
      <div className="tabs" role="tablist" aria-label="Snippet language">
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={k === kind}
            className={`tabs__tab ${k === kind ? 'tabs__tab--active' : ''}`}
            onClick={() => setKind(k)}
          >
            {SNIPPET_LABEL[k]}
          </button>
        ))}
        <span className="tabs__spacer" />
        <CopyButton text={() => code} what={`${SNIPPET_LABEL[kind]} snippet`} />
      </div>
      <pre className="snippet" role="tabpanel" aria-label={`${SNIPPET_LABEL[kind]} snippet`}>
        <code>{code}</code>
      </pre>
    </Panel>
  );
}
