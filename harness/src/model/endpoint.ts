/** The base URL for reports, without user-info or query (either can hold a credential). */
export function describeEndpoint(baseURL: string | undefined): string {
  if (!baseURL) return 'https://api.openai.com/v1';
  try {
    const url = new URL(baseURL);
    url.username = '';
    url.password = '';
    url.search = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '(unparseable base URL)';
  }
}
