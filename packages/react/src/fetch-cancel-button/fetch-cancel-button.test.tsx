import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { disposeTestClients, snapshotIn, testClient } from '../testing/test-client.js';
import { FetchCancelButton } from './fetch-cancel-button.js';

afterEach(() => {
  cleanup();
  disposeTestClients();
});

describe('FetchCancelButton', () => {
  it('is a named, focusable button that aborts its fetch', async () => {
    const { client, engine, report } = await testClient();
    report(snapshotIn('ep1', 'fetching', { title: 'Episode 12' }));
    render(<FetchCancelButton fetchId="ep1" client={client} />);
    const button = screen.getByRole('button', { name: 'Cancel download of Episode 12' });
    expect(button).toHaveTextContent('Cancel');
    expect(button).toHaveAttribute('type', 'button');
    expect(button).toHaveAttribute('data-state', 'fetching');
    button.focus();
    expect(button).toHaveFocus();
    await act(async () => fireEvent.click(button));
    expect(engine.aborted).toEqual(['ep1']);
  });

  it.each(['pending', 'fetching', 'paused', 'offline'] as const)('is enabled while %s', async (status) => {
    const { client, report } = await testClient();
    report(snapshotIn('ep1', status));
    render(<FetchCancelButton fetchId="ep1" client={client} />);
    expect(screen.getByRole('button')).toBeEnabled();
  });

  it.each(['success', 'failure', 'aborted'] as const)('is disabled once %s', async (status) => {
    const { client, engine, report } = await testClient();
    report(snapshotIn('ep1', status));
    render(<FetchCancelButton fetchId="ep1" client={client} />);
    const button = screen.getByRole('button');
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('data-state', status);
    fireEvent.click(button);
    expect(engine.aborted).toEqual([]);
  });

  it('ignores presses while the abort runs, and skips it when onClick prevents the default', async () => {
    const { client, engine, report } = await testClient();
    report(snapshotIn('ep1', 'fetching'));
    const { rerender } = render(<FetchCancelButton fetchId="ep1" client={client} />);
    const button = screen.getByRole('button');
    await act(async () => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
    expect(engine.aborted).toEqual(['ep1']);
    rerender(<FetchCancelButton fetchId="ep1" client={client} onClick={(event) => event.preventDefault()} />);
    await act(async () => fireEvent.click(button));
    expect(engine.aborted).toEqual(['ep1']);
  });

  it('hands a rejection to onError', async () => {
    const { client, report } = await testClient();
    report(snapshotIn('ep1', 'fetching'));
    const failure = new Error('no');
    vi.spyOn(client, 'abort').mockRejectedValue(failure);
    const onError = vi.fn();
    render(<FetchCancelButton fetchId="ep1" client={client} onError={onError} />);
    await act(async () => fireEvent.click(screen.getByRole('button')));
    expect(onError).toHaveBeenCalledWith(failure);
  });

  it('takes a localised name and text, a ref, and asChild', async () => {
    const { client, engine, report } = await testClient();
    report(snapshotIn('ep1', 'fetching', { title: 'Folge 1' }));
    const ref = createRef<HTMLButtonElement>();
    render(
      <FetchCancelButton fetchId="ep1" client={client} aria-label="Download von Folge 1 abbrechen" ref={ref}>
        Abbrechen
      </FetchCancelButton>,
    );
    const button = screen.getByRole('button', { name: 'Download von Folge 1 abbrechen' });
    expect(button).toHaveTextContent('Abbrechen');
    expect(ref.current).toBe(button);
    cleanup();

    const own = vi.fn();
    render(
      <FetchCancelButton fetchId="ep1" client={client} asChild className="kit">
        <button type="button" className="mine" onClick={own}>
          Stop
        </button>
      </FetchCancelButton>,
    );
    const custom = screen.getByRole('button', { name: 'Cancel download of Folge 1' });
    expect(custom).toHaveClass('kit', 'mine');
    expect(custom).toHaveTextContent('Stop');
    await act(async () => fireEvent.click(custom));
    expect(own).toHaveBeenCalledOnce();
    expect(engine.aborted).toEqual(['ep1']);
  });

  it('names the button by id when the title is unknown, and renders nothing for an unknown id', async () => {
    const { client, report } = await testClient();
    report(snapshotIn('ep1', 'fetching', { title: '' }));
    render(
      <>
        <FetchCancelButton fetchId="ep1" client={client} />
        <FetchCancelButton fetchId="nope" client={client} />
      </>,
    );
    expect(screen.getAllByRole('button')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Cancel download of ep1' })).toBeInTheDocument();
  });
});
