// A minimal GraphQL-over-HTTP client for the demo: the demo fills the app as a client would.
export type Gql = <T = Record<string, any>>(
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
) => Promise<T>;

export function graphqlClient(baseUrl: string): Gql {
  return async (query, variables, token) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: any;
      errors?: { message: string; extensions?: { reason?: string } }[];
    };
    if (body.errors?.length) {
      const [error] = body.errors;
      throw new Error(
        `${error.message}${error.extensions?.reason ? ` (${error.extensions.reason})` : ''}: ${query.trim().split('\n')[0]}`,
      );
    }
    return body.data;
  };
}
