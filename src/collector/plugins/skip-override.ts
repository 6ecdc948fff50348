import type { FastifyPluginAsync } from 'fastify';

/**
 * Mark a plugin so its decorations and hooks apply to the parent instance — what the
 * `fastify-plugin` package does, without a dependency for one symbol.
 */
export function skipOverride<T extends FastifyPluginAsync<never>>(name: string, plugin: T): T {
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: name,
  });
}
