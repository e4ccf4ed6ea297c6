'use client';

import type { BackgroundFetchClient } from '@bgfetch/core';
import * as React from 'react';
import { FetchCancelButton } from '../fetch-cancel-button/index.js';
import { FetchPauseButton } from '../fetch-pause-button/index.js';
import { formatBytes } from '../fetch-progress/index.js';
import { FetchRetryButton } from '../fetch-retry-button/index.js';
import { getFetchStatusText } from '../fetch-status/index.js';
import { useBackgroundFetch, useFetchRegistration } from '../hooks/index.js';
import { isProductionBuild } from '../internal/production.js';
import { FetchPrioritySelect } from '../priority/index.js';

export interface BackgroundFetchDevtoolsProps {
  client?: BackgroundFetchClient;
  /** Render at all; default: not in a production build (`process.env.NODE_ENV === 'production'`). */
  enabled?: boolean;
  /** Open the panel on first render; default `false`. */
  initialIsOpen?: boolean;
}

const bytes = (value: number) => formatBytes(Math.max(0, value));

function DevtoolsRow({ fetchId, client }: { fetchId: string; client: BackgroundFetchClient }) {
  const registration = useFetchRegistration(fetchId, client);
  if (registration === undefined) return null;
  const total = registration.expectedBytes;
  return (
    <tr data-bgfetch="devtools-row" data-state={registration.status}>
      <th scope="row">
        <code>{registration.id}</code>
        {registration.title ? <div>{registration.title}</div> : null}
      </th>
      <td>{registration.engine}</td>
      <td>
        {registration.status}
        {registration.failureReason ? ` (${registration.failureReason})` : ''}
        {registration.status === 'paused' && registration.pauseReason ? ` (${registration.pauseReason})` : ''}
        {registration.queuePosition === undefined
          ? ''
          : ` · place ${registration.queuePosition} in the queue`}
        {registration.priority ? ` · ${registration.priority} priority` : ''}
        <div>{getFetchStatusText(registration)}</div>
      </td>
      <td>
        {bytes(registration.downloaded)}
        {total === undefined ? '' : ` of ${bytes(total)}`}
        {registration.fraction === undefined ? '' : ` (${Math.floor(registration.fraction * 100)}%)`}
      </td>
      <td>
        {registration.status === 'fetching' ? `${bytes(registration.bytesPerSecond)}/s` : '–'}
        {registration.secondsLeft === undefined || registration.settled
          ? ''
          : `, ${Math.ceil(registration.secondsLeft)} s left`}
      </td>
      <td>
        {registration.recordsAvailable ? 'available' : 'none'}
        {registration.requests.length > 0 ? (
          <ul>
            {registration.requests.map((request, index) => (
              // Requests have no id of their own; their order is fixed for a fetch.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
              <li key={index}>
                {request.method} {request.url}
                {request.downloaded === null ? '' : `: ${bytes(request.downloaded)}`}
                {request.downloadTotal === null ? '' : ` of ${bytes(request.downloadTotal)}`}
                {request.resumable === false ? ' · not resumable (a drop restarts it)' : ''}
              </li>
            ))}
          </ul>
        ) : null}
      </td>
      <td>
        <time dateTime={new Date(registration.startedAt).toISOString()}>
          {new Date(registration.startedAt).toISOString().slice(11, 19)}
        </time>
      </td>
      <td data-bgfetch="devtools-actions">
        <FetchPrioritySelect fetchId={fetchId} client={client} />
        <FetchPauseButton fetchId={fetchId} client={client} />
        <FetchCancelButton fetchId={fetchId} client={client} />
        <FetchRetryButton fetchId={fetchId} client={client} />
      </td>
    </tr>
  );
}

function DevtoolsPanel({ client, id }: { client?: BackgroundFetchClient; id: string }) {
  const { ids, engine, capabilities, ready, client: resolved } = useBackgroundFetch(client);
  return (
    <section id={id} aria-label="Background fetch devtools" data-bgfetch="devtools-panel">
      <p data-bgfetch="devtools-summary">
        {ready ? `Next fetch: ${engine ?? 'no engine available'}` : 'Starting engines…'}
        {ready && engine
          ? ` (pause: ${capabilities.pause ? 'yes' : 'no'}, queue: ${capabilities.queue ? 'yes' : 'no'}, survives restart: ${
              capabilities.resumeAfterRestart ? 'yes' : 'no'
            }, runs with pages closed: ${capabilities.continuesWhenClosed ? 'yes' : 'no'})`
          : ''}
      </p>
      {ids.length === 0 ? (
        <p>No registrations.</p>
      ) : (
        <table data-bgfetch="devtools-table">
          <caption>Registrations, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Engine</th>
              <th scope="col">Status</th>
              <th scope="col">Bytes</th>
              <th scope="col">Rate</th>
              <th scope="col">Records</th>
              <th scope="col">Started</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {ids.map((fetchId) => (
              <DevtoolsRow key={fetchId} fetchId={fetchId} client={resolved} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * A panel like React Query's devtools: every registration with its engine, status, bytes, rate, records and
 * actions, behind a toggle button. Renders nothing in a production build unless `enabled`.
 */
export function BackgroundFetchDevtools({
  client,
  enabled = !isProductionBuild(),
  initialIsOpen = false,
}: BackgroundFetchDevtoolsProps) {
  const [open, setOpen] = React.useState(initialIsOpen);
  const panelId = React.useId();
  if (!enabled) return null;
  return (
    <div data-bgfetch="devtools" data-state={open ? 'open' : 'closed'}>
      <button
        type="button"
        data-bgfetch="devtools-toggle"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((was) => !was)}
      >
        Background fetch devtools
      </button>
      {open ? <DevtoolsPanel client={client} id={panelId} /> : null}
    </div>
  );
}
