import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { disposeTestClients, snapshotIn, testClient } from '../testing/test-client.js';
import { FetchPrioritySelect } from './fetch-priority-select.js';

afterEach(() => {
  cleanup();
  disposeTestClients();
});

describe('FetchPrioritySelect', () => {
  it('is a select named after the fetch, showing the priority the engine reports', async () => {
    const { client, report } = await testClient({ queue: true });
    report(snapshotIn('ep1', 'pending', { priority: 'low', queuePosition: 3 }));
    render(<FetchPrioritySelect fetchId="ep1" client={client} />);
    const select = screen.getByRole('combobox', { name: 'Priority of Episode ep1' });
    expect(select).toHaveValue('low');
    expect(select).toHaveAttribute('data-state', 'low');
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([
      'High priority',
      'Normal priority',
      'Low priority',
    ]);
  });

  it('reads normal for a fetch whose engine has not said its priority', async () => {
    const { client, report } = await testClient({ queue: true });
    report(snapshotIn('ep1', 'fetching'));
    render(<FetchPrioritySelect fetchId="ep1" client={client} />);
    expect(screen.getByRole('combobox')).toHaveValue('normal');
  });

  it('asks the engine for the chosen priority and then shows what it reports', async () => {
    const { client, report, engine } = await testClient({ queue: true });
    report(snapshotIn('ep1', 'pending', { priority: 'normal', queuePosition: 2 }));
    render(<FetchPrioritySelect fetchId="ep1" client={client} />);
    await act(async () => {
      fireEvent.change(screen.getByRole('combobox'), { target: { value: 'high' } });
    });
    expect(engine.prioritised).toEqual([['ep1', 'high']]);
    expect(screen.getByRole('combobox')).toHaveValue('high');
  });

  it('hands a refused change to onError and keeps showing the engine’s priority', async () => {
    const { client, report } = await testClient({ queue: true });
    report(snapshotIn('ep1', 'pending', { priority: 'normal' }));
    const refusal = new DOMException('no active fetch', 'InvalidStateError');
    vi.spyOn(client, 'setPriority').mockRejectedValue(refusal);
    const onError = vi.fn();
    render(<FetchPrioritySelect fetchId="ep1" client={client} onError={onError} />);
    await act(async () => {
      fireEvent.change(screen.getByRole('combobox'), { target: { value: 'low' } });
    });
    expect(onError).toHaveBeenCalledWith(refusal);
    expect(screen.getByRole('combobox')).toHaveValue('normal');
  });

  it('renders nothing where the engine has no queue, once settled, or for an unknown id', async () => {
    const plain = await testClient();
    plain.report(snapshotIn('ep1', 'pending'));
    const { container, rerender } = render(<FetchPrioritySelect fetchId="ep1" client={plain.client} />);
    expect(container).toBeEmptyDOMElement();
    const queued = await testClient({ queue: true });
    queued.report(snapshotIn('ep1', 'success'));
    rerender(<FetchPrioritySelect fetchId="ep1" client={queued.client} />);
    expect(container).toBeEmptyDOMElement();
    rerender(<FetchPrioritySelect fetchId="nope" client={queued.client} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('is localised through labels', async () => {
    const { client, report } = await testClient({ queue: true });
    report(snapshotIn('ep1', 'pending'));
    render(
      <FetchPrioritySelect
        fetchId="ep1"
        client={client}
        labels={{ priority: { high: 'Haute' }, priorityName: (title) => `Priorité de ${title}` }}
      />,
    );
    expect(screen.getByRole('combobox', { name: 'Priorité de Episode ep1' })).toBeInTheDocument();
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Haute',
      'Normal priority',
      'Low priority',
    ]);
  });
});
