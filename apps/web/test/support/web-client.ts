// A browser-like HTTP client for the site: keeps cookies, follows nothing by itself, and posts
// forms with the CSRF token read from the last page it got.
export interface WebResponse {
  status: number;
  headers: Headers;
  body: string;
  location: string | null;
}

export class WebClient {
  private readonly cookies = new Map<string, string>();
  private csrf = '';

  constructor(
    private readonly baseUrl: string,
    private readonly defaults: Record<string, string> = {},
  ) {}

  /** The CSRF token read from the last page (for forms whose token rides in the URL). */
  get csrfToken(): string {
    return this.csrf;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      const isExpired = attributes.some((a) => /expires=thu, 01 jan 1970/i.test(a.trim())) || value === '';
      if (isExpired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { accept: 'text/html', ...this.defaults, ...(cookie ? { cookie } : {}), ...extra };
  }

  async get(path: string, extra: Record<string, string> = {}): Promise<WebResponse> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: this.headers(extra), redirect: 'manual' });
    this.remember(response);
    const body = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(body);
    if (token) this.csrf = token[1];
    return { status: response.status, headers: response.headers, body, location: response.headers.get('location') };
  }

  async post(path: string, form: Record<string, string>, extra: Record<string, string> = {}): Promise<WebResponse> {
    const body = new URLSearchParams({ _csrf: this.csrf, ...form });
    return this.send(path, body, { 'content-type': 'application/x-www-form-urlencoded', ...extra });
  }

  private async send(path: string, body: URLSearchParams | FormData, extra: Record<string, string>) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: this.headers(extra),
      body,
      redirect: 'manual',
    });
    this.remember(response);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text,
      location: response.headers.get('location'),
    };
  }

  /**
   * Posts a multipart form with one file, as a browser does. `csrf`: in the action's query string
   * (the plain form), in the x-csrf-token header (the script), or not at all.
   */
  async upload(
    path: string,
    file: { field: string; name: string; type: string; bytes: Uint8Array },
    options: {
      csrf?: 'query' | 'header' | 'none';
      fields?: Record<string, string>;
      extra?: Record<string, string>;
    } = {},
  ): Promise<WebResponse> {
    const form = new FormData();
    for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value);
    form.append(file.field, new Blob([file.bytes], { type: file.type }), file.name);
    const csrf = options.csrf ?? 'query';
    const url =
      csrf === 'query' ? `${path}${path.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(this.csrf)}` : path;
    return this.send(url, form, { ...(csrf === 'header' ? { 'x-csrf-token': this.csrf } : {}), ...options.extra });
  }
}

/** Signs a browser in through the log-in form. */
export async function signIn(client: WebClient, handle: string, password: string): Promise<void> {
  await client.get('/login');
  const response = await client.post('/login', { identifier: handle, password, next: '/' });
  if (response.status !== 303) throw new Error(`web sign-in failed: ${response.status}`);
}

/**
 * Clients for one suite, each from its own forwarded address on `subnet` (rate limits count per
 * address), anonymous or signed in. `baseUrl` is read late: the app starts in beforeAll.
 */
export function clientsOn(baseUrl: () => string, subnet: string) {
  let address = 0;
  const browser = (headers: Record<string, string> = {}) =>
    new WebClient(baseUrl(), { 'x-forwarded-for': `${subnet}.${++address}`, ...headers });
  const as = async (user: { handle: string }, password: string) => {
    const client = browser();
    await signIn(client, user.handle, password);
    return client;
  };
  return { browser, as };
}
