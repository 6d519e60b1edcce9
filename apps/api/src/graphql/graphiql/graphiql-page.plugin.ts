// The landing page of /graphql in a browser (outside production): GraphiQL on the files from
// /graphiql/, so nothing is fetched from a CDN. Queries and subscriptions go to this server.
import type { ApolloServerPlugin } from '@apollo/server';

const PAGE = (path: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>GraphiQL – Helpboard</title>
<style>body{margin:0;height:100vh;overflow:hidden}#graphiql{height:100vh}</style>
<link rel="stylesheet" href="/graphiql/graphiql.css">
<script src="/graphiql/react.js"></script>
<script src="/graphiql/react-dom.js"></script>
<script src="/graphiql/graphiql.js"></script>
</head>
<body>
<div id="graphiql">Loading…</div>
<script>
var url = location.origin + ${JSON.stringify(path)};
var fetcher = GraphiQL.createFetcher({ url: url, subscriptionUrl: url.replace(/^http/, 'ws') });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: true }),
);
</script>
</body>
</html>`;

export function graphiqlPagePlugin(path: string): ApolloServerPlugin {
  const html = PAGE(path);
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
