import type { Preview } from '@storybook/react-vite';
import '../src/stories.css';

const preview: Preview = {
  parameters: {
    // An axe violation fails the story's test (in Vitest and in Storybook's test panel), not just a warning.
    a11y: { test: 'error' },
  },
};

export default preview;
