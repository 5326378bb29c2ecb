// Fleet: other `penin serve` instances this console is attached to (their console URL and token),
// each with its health, requests/s, spend and breakers as seen there, and the totals. Spend is
// shown as a request's cost is (four decimals under a dollar), so that the rows visibly add up to
// the total while the amounts are small.
import { useState, type FormEvent } from 'react';
import type { FleetInstanceStatus, FleetStatus } from '../../../../shared/ipc/contract';
import { isFleetUrl } from '../../../../shared/ipc/fleet';
import { errorMessage } from '../../api/api-error';
import { formatClockSeconds, formatCost, formatLatency, formatUsd } from '../../lib/format';
import { Panel } from '../../ui/Panel';
import { QueryState } from '../../ui/QueryState';
import { EmptyState } from '../../ui/States';
import { BreakerStatePill } from '../breakers/BreakerStatePill';
import { useAttachInstance, useDetachInstance, useFleetStatus } from './useFleet';
import './fleet.css';

const HEALTH: Record<FleetInstanceStatus['health'], string> = {
  up: 'Up',
  down: 'Down',
  connecting: 'Connecting',
};

export function formatRate(perSec: number | null): string {
  if (perSec === null) return '—';
  return `${perSec.toFixed(perSec >= 10 ? 0 : 1)}/s`;
}

function AttachForm() {
  const attach = useAttachInstance();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [name, setName] = useState('');
  const urlBad = url.trim() !== '' && !isFleetUrl(url.trim());

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (urlBad || url.trim() === '' || token === '') return;
    attach.mutate(
      { url: url.trim(), token, ...(name.trim() ? { name: name.trim() } : {}) },
      {
        onSuccess: () => {
          setUrl('');
          setToken('');
          setName('');
        },
      },
    );
  };

  return (
    <form className="fleet-attach" onSubmit={submit} aria-label="Attach an instance">
      <label className="field fleet-attach__url">
        <span className="field__label">Console URL</span>
        <input
          className="input"
          type="url"
          placeholder="http://127.0.0.1:PORT/ or https://host/"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={urlBad}
          required
        />
      </label>
      <label className="field">
        <span className="field__label">Token</span>
        <input
          className="input"
          type="password"
          autoComplete="off"
          placeholder="the #token=… of its console URL"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          required
        />
      </label>
      <label className="field">
        <span className="field__label">Name (optional)</span>
        <input className="input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </label>
      <button
        type="submit"
        className="btn btn--primary fleet-attach__submit"
        disabled={attach.isPending || urlBad || url.trim() === '' || token === ''}
      >
        {attach.isPending ? 'Attaching…' : 'Attach'}
      </button>
      {urlBad ? (
        <p className="field__hint field__hint--bad fleet-attach__note">
          Use an http://, https://, ws:// or wss:// address (https and wss are checked with TLS).
        </p>
      ) : null}
      {attach.isError ? (
        <p className="alert alert--bad fleet-attach__note" role="alert">
          Could not attach: {errorMessage(attach.error)}
        </p>
      ) : null}
    </form>
  );
}

function BreakersSummary({ breakers }: { breakers: FleetInstanceStatus['breakers'] }) {
  if (breakers.length === 0) return <span className="muted">—</span>;
  const notClosed = breakers.filter((b) => b.state !== 'closed');
  const closed = breakers.length - notClosed.length;
  return (
    <span className="fleet-breakers">
      {notClosed.map((b) => (
        <span key={b.provider} className="fleet-breakers__one" title={`${b.provider}: ${b.state}`}>
          {b.provider} <BreakerStatePill state={b.state} />
        </span>
      ))}
      {closed > 0 ? (
        <span
          title={breakers
            .filter((b) => b.state === 'closed')
            .map((b) => b.provider)
            .join(', ')}
        >
          <BreakerStatePill state="closed" /> <span className="muted small">×{closed}</span>
        </span>
      ) : null}
    </span>
  );
}

function InstanceRow({ instance }: { instance: FleetInstanceStatus }) {
  const detach = useDetachInstance();
  const i = instance;
  return (
    <tr aria-label={`Instance ${i.name}`}>
      <td>
        <span
          className={`fleet-dot fleet-dot--${i.health}`}
          role="img"
          aria-label={HEALTH[i.health]}
          title={i.lastError ?? HEALTH[i.health]}
        />
      </td>
      <td>
        <div className="fleet-name">{i.name}</div>
        {i.health === 'down' && i.lastError ? (
          <div className="fleet-error small">{i.lastError}</div>
        ) : i.fleetInstance ? (
          <div className="muted small">shares a budget as “{i.fleetInstance}”</div>
        ) : null}
      </td>
      <td className="fleet-url">
        <code>{i.url}</code>
      </td>
      <td className="num">{formatLatency(i.latencyMs)}</td>
      <td className="num">{formatRate(i.requestsPerSec)}</td>
      <td className="num">
        {formatCost(i.spentUsd)}
        {i.limitUsd !== null ? <span className="muted"> / {formatUsd(i.limitUsd)}</span> : null}
      </td>
      <td>
        <BreakersSummary breakers={i.breakers} />
      </td>
      <td className="muted small">{i.updatedAt === null ? '—' : formatClockSeconds(i.updatedAt)}</td>
      <td>
        <button
          type="button"
          className="btn btn--small btn--ghost"
          disabled={detach.isPending}
          onClick={() => detach.mutate(i.id)}
          aria-label={`Detach ${i.name}`}
        >
          Detach
        </button>
      </td>
    </tr>
  );
}

function InstancesTable({ status }: { status: FleetStatus }) {
  const t = status.totals;
  return (
    <div className="fleet-table__scroll">
      <table className="mini-table fleet-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Health</span>
            </th>
            <th scope="col">Instance</th>
            <th scope="col">URL</th>
            <th scope="col" className="num">
              Latency
            </th>
            <th scope="col" className="num">
              Requests
            </th>
            <th scope="col" className="num">
              Spend today
            </th>
            <th scope="col">Breakers</th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {status.instances.map((i) => (
            <InstanceRow key={i.id} instance={i} />
          ))}
        </tbody>
        <tfoot>
          <tr className="fleet-totals" aria-label="Fleet totals">
            <td />
            <th scope="row">Total</th>
            <td className="muted">
              {t.healthy} of {t.instances} up
            </td>
            <td />
            <td className="num">{formatRate(t.requestsPerSec)}</td>
            <td
              className="num"
              title={
                t.source === 'gateway'
                  ? 'A budget shared on Redis is counted once, as its gateways report it'
                  : 'The instances’ spend added up'
              }
            >
              {formatCost(t.spentUsd)}
              <span className="muted"> / {formatUsd(t.limitUsd)}</span>
            </td>
            <td colSpan={3} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function FleetScreen() {
  const fleet = useFleetStatus();
  return (
    <div className="screen">
      <Panel
        title="Attach an instance"
        subtitle="Another penin serve: its console URL and the token in that URL’s #token=… (kept by this console, never shown again)"
      >
        <AttachForm />
      </Panel>
      <Panel
        title="Instances"
        subtitle="Each polled every 2 s: health, requests per second, spend and breakers as seen there"
      >
        <QueryState
          query={fleet}
          what="the fleet"
          isEmpty={(s) => s.instances.length === 0}
          empty={
            <EmptyState title="No instance attached.">
              Start <code>penin serve</code> on another port or host and attach it above with the URL and
              token it prints. Spend and breakers then show here, with the totals.
            </EmptyState>
          }
        >
          {(s) => <InstancesTable status={s} />}
        </QueryState>
      </Panel>
    </div>
  );
}
