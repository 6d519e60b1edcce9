// The baseline: a bare Apollo Server answering a trivial query, nothing else.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const server = new ApolloServer({
  typeDefs: 'type Health { status: String! version: String! database: String! } type Query { health: Health! }',
  resolvers: { Query: { health: () => ({ status: 'ok', version: '0.0.0', database: 'up' }) } },
});
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
process.stdout.write(`READY ${url}\n`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
