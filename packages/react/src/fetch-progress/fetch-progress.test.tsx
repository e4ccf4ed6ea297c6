import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchProgress, type FetchProgressStatus } from './fetch-progress';

afterEach(cleanup);

const statuses: FetchProgressStatus[] = [
  'pending',
  'fetching',
  'paused',
  'offline',
  'success',
  'failure',
  'aborted',
];

describe('FetchProgress', () => {
  it('is a named progressbar with the bytes as value text', () => {
    render(
      <FetchProgress
        label="Episode 12"
        downloaded={12_300_000}
        downloadTotal={60_000_000}
        status="fetching"
      />,
    );
    const bar = screen.getByRole('progressbar', { name: 'Episode 12' });
    expect(bar).toHaveAttribute('aria-valuetext', '12.3 MB of 60 MB (20%)');
    expect(bar).toHaveAttribute('aria-valuenow', '12300000');
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '60000000');
    expect(bar).not.toHaveAttribute('data-indeterminate');
  });

  it('is indeterminate when the total is unknown (0)', () => {
    render(<FetchProgress label="Episode 12" downloaded={12_300_000} downloadTotal={0} status="fetching" />);
    const bar = screen.getByRole('progressbar', { name: 'Episode 12' });
    expect(bar).toHaveAttribute('aria-valuetext', '12.3 MB downloaded');
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(bar).not.toHaveAttribute('aria-valuemax');
    expect(bar).toHaveAttribute('data-indeterminate', '');
    expect(bar.firstElementChild).toHaveAttribute('data-indeterminate', '');
  });

  it.each(statuses)('puts status %s in data-state on root and indicator', (status) => {
    render(<FetchProgress label="Episode" downloaded={1} downloadTotal={2} status={status} />);
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute('data-state', status);
    expect(bar.firstElementChild).toHaveAttribute('data-state', status);
  });

  it('shows 0% and 100%, and never more than 100%', () => {
    const { rerender } = render(
      <FetchProgress label="Episode" downloaded={0} downloadTotal={60_000_000} status="pending" />,
    );
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuetext', '0 B of 60 MB (0%)');
    expect(bar.firstElementChild).toHaveStyle({ transform: 'translateX(-100%)' });

    rerender(
      <FetchProgress label="Episode" downloaded={60_000_000} downloadTotal={60_000_000} status="success" />,
    );
    expect(bar).toHaveAttribute('aria-valuetext', '60 MB of 60 MB (100%)');
    expect(bar.firstElementChild).toHaveStyle({ transform: 'translateX(-0%)' });

    rerender(
      <FetchProgress label="Episode" downloaded={61_000_000} downloadTotal={60_000_000} status="failure" />,
    );
    expect(bar).toHaveAttribute('aria-valuetext', '61 MB of 60 MB (100%)');
    expect(bar).toHaveAttribute('aria-valuenow', '60000000');
  });

  it('rounds the percent down, so it reads 100% only when done', () => {
    render(
      <FetchProgress label="Episode" downloaded={59_999_999} downloadTotal={60_000_000} status="fetching" />,
    );
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuetext', '60 MB of 60 MB (99%)');
  });

  it('treats negative or non-finite numbers as 0 instead of throwing', () => {
    render(<FetchProgress label="Episode" downloaded={Number.NaN} downloadTotal={-5} status="pending" />);
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuetext', '0 B downloaded');
  });

  it('passes aria-label and aria-labelledby through', () => {
    render(
      <>
        <span id="title">Artwork</span>
        <FetchProgress aria-labelledby="title" downloaded={1} downloadTotal={2} status="fetching" />
        <FetchProgress
          aria-label="Audio"
          label="ignored"
          downloaded={1}
          downloadTotal={2}
          status="fetching"
        />
      </>,
    );
    expect(screen.getByRole('progressbar', { name: 'Artwork' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Audio' })).toBeInTheDocument();
  });

  it('forwards the ref and other props to the root element', () => {
    const ref = createRef<HTMLDivElement>();
    render(
      <FetchProgress
        ref={ref}
        className="bar"
        indicatorClassName="fill"
        label="Episode"
        downloaded={1}
        downloadTotal={2}
        status="paused"
      />,
    );
    const bar = screen.getByRole('progressbar');
    expect(ref.current).toBe(bar);
    expect(bar).toHaveClass('bar');
    expect(bar.firstElementChild).toHaveClass('fill');
  });

  it('renders as its child with asChild and keeps the indicator inside', () => {
    const ref = createRef<HTMLDivElement>();
    render(
      <FetchProgress asChild ref={ref} label="Episode" downloaded={1} downloadTotal={4} status="fetching">
        <span className="custom">
          <span>decoration</span>
        </span>
      </FetchProgress>,
    );
    const bar = screen.getByRole('progressbar', { name: 'Episode' });
    expect(bar.tagName).toBe('SPAN');
    expect(bar).toHaveClass('custom');
    expect(ref.current).toBe(bar);
    expect(bar).toHaveAttribute('aria-valuetext', '1 B of 4 B (25%)');
    expect(bar.children).toHaveLength(2);
    expect(bar.lastElementChild).toHaveAttribute('data-state', 'fetching');
  });
});
