import { render } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the guest sign-in page before anything else', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Meshport' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    expect(await rendered.findByText('Guest', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(rendered.getByRole('button', { name: /enter/i })).toBeInTheDocument();
  });
});
