// GraphiQL's browser files, served from our own node_modules (graphiql 3 and React 18 ship UMD
// builds): the explorer works offline and behind firewalls, where a CDN leaves it on "Loading…".
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** A file of a package by its place in the package (their `exports` do not list the UMD builds). */
const inPackage = (name: string, file: string) => join(dirname(require.resolve(`${name}/package.json`)), file);

const SCRIPT = 'application/javascript';

/** The files the page loads, by the name it uses under /graphiql/; resolved when first asked for. */
export const GRAPHIQL_ASSETS: Record<string, { path: () => string; type: string }> = {
  'react.js': { path: () => inPackage('react', 'umd/react.production.min.js'), type: SCRIPT },
  'react-dom.js': { path: () => inPackage('react-dom', 'umd/react-dom.production.min.js'), type: SCRIPT },
  'graphiql.js': { path: () => inPackage('graphiql', 'graphiql.min.js'), type: SCRIPT },
  'graphiql.css': { path: () => inPackage('graphiql', 'graphiql.min.css'), type: 'text/css' },
};
