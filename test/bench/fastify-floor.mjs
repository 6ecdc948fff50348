// The framework's own cost, for `bench:collector`: a bare Fastify app (the collector's version)
// with the collector's body parser set-up (text/plain and application/json parsed as JSON, the
// `__proto__` / `constructor` checks on) whose POST /v1/events answers 204. No validation, no
// store, no plugins: what any Fastify-based collector pays on this machine before doing anything.

import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
const parseJson = app.getDefaultJsonParser('error', 'error');
app.removeAllContentTypeParsers();
for (const type of ['application/json', 'text/plain'])
  app.addContentTypeParser(type, { parseAs: 'string' }, (request, body, done) =>
    parseJson(request, body, done),
  );
app.post('/v1/events', async (_request, reply) => reply.code(204).send());
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening on ${address}`);
