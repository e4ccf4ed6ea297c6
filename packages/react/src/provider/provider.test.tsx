import '@testing-library/jest-dom/vitest';
import { fakeEngine } from '@bgfetch/core/testing';
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { disposeTestClients, testClient } from '../testing/test-client.js';
import { useBackgroundFetchClient } from './index.js';
import { BackgroundFetchProvider } from './provider.js';

const seen: unknown[] = [];
function Probe() {
  seen.push(useBackgroundFetchClient());
  return <p>probe</p>;
}

afterEach(() => {
  cleanup();
  disposeTestClients();
});

describe('BackgroundFetchProvider', () => {
  it('gives its client to the hooks below', async () => {
    const { client } = await testClient();
    const { result } = renderHook(() => useBackgroundFetchClient(), {
      wrapper: ({ children }) => (
        <BackgroundFetchProvider client={client}>{children}</BackgroundFetchProvider>
      ),
    });
    expect(result.current).toBe(client);
  });

  it('lets an explicit client win, with or without a provider', async () => {
    const { client } = await testClient();
    const { client: other } = await testClient();
    expect(renderHook(() => useBackgroundFetchClient(client)).result.current).toBe(client);
    const { result } = renderHook(() => useBackgroundFetchClient(other), {
      wrapper: ({ children }) => (
        <BackgroundFetchProvider client={client}>{children}</BackgroundFetchProvider>
      ),
    });
    expect(result.current).toBe(other);
  });

  it('throws a helpful error with neither', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useBackgroundFetchClient())).toThrow(/BackgroundFetchProvider/);
    vi.restoreAllMocks();
  });

  it('makes a client from options, keeps it across renders and StrictMode, and disposes it on unmount', async () => {
    vi.useFakeTimers();
    try {
      const { rerender, unmount } = render(
        <StrictMode>
          <BackgroundFetchProvider options={{ engine: 'fallback' }}>
            <Probe />
          </BackgroundFetchProvider>
        </StrictMode>,
      );
      rerender(
        <StrictMode>
          <BackgroundFetchProvider options={{ engine: 'fallback' }}>
            <Probe />
          </BackgroundFetchProvider>
        </StrictMode>,
      );
      expect(screen.getByText('probe')).toBeInTheDocument();
      const client = seen.at(-1) as { dispose(): void };
      expect(new Set(seen.slice(-2)).size).toBe(1);
      const dispose = vi.spyOn(client, 'dispose');
      vi.runAllTimers();
      expect(dispose).not.toHaveBeenCalled();
      unmount();
      vi.runAllTimers();
      expect(dispose).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });

  it('in StrictMode, disposes the client React dropped: one client (and engine) lives, none after unmount', async () => {
    const fake = fakeEngine({ kind: 'fallback' });
    const engines = { made: 0, live: 0 };
    const options = {
      engine: 'fallback' as const,
      fallback: async (context: Parameters<typeof fake.factory>[0]) => {
        const engine = await fake.factory(context);
        engines.made++;
        engines.live++;
        return {
          ...engine,
          dispose() {
            engines.live--;
            engine.dispose();
          },
        };
      },
    };
    const { unmount } = render(
      <StrictMode>
        <BackgroundFetchProvider options={options}>
          <Probe />
        </BackgroundFetchProvider>
      </StrictMode>,
    );
    const inUse = seen.at(-1) as { ready: Promise<void> };
    await act(() => inUse.ready);
    // React made two clients (and so two engines), and kept one.
    await vi.waitFor(() => expect(engines.made).toBe(2));
    await vi.waitFor(() => expect(engines.live).toBe(1));
    unmount();
    await vi.waitFor(() => expect(engines.live).toBe(0));
  });
});
