/**
 * A Stryker ignorer: mutants inside a call to the operator log (`log.warn(…)`, `logger.info(…)`,
 * `this.log.fatal(…)`, `log().debug(…)`, `turn.log().info(…)`, `log?.debug(…)`, `logFor(ctx).error(…)`,
 * `child.debug(…)`) are not tested.
 * Their wording, level and fields are for an operator to read; the tests check what logs must never
 * carry (test/adapters/log.test.ts) and that an outage is logged, not each sentence. The code around
 * a log call (when it logs, what it does next) is still mutated.
 */
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);
/** The receiver's source names a logger: log, logger, child, log(), this.log, this.options.logger, turn.log(), logFor(ctx). */
const LOGGER = /^(?:this\.|turn\.)?(?:options\.)?(?:log|logger|child|log\(\)|logFor\([^)]*\))$/;
const CALL = new Set(['CallExpression', 'OptionalCallExpression']);
const MEMBER = new Set(['MemberExpression', 'OptionalMemberExpression']);

function receiverText(node) {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (MEMBER.has(node.type) && !node.computed && node.property.type === 'Identifier') {
    const object = receiverText(node.object);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  if (CALL.has(node.type)) {
    const callee = receiverText(node.callee);
    const args = node.arguments.map((a) => receiverText(a) ?? '?').join(',');
    return callee === undefined ? undefined : `${callee}(${args})`;
  }
  return undefined;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'log-calls', {
    shouldIgnore(path) {
      const node = path.node;
      if (!CALL.has(node.type) || !MEMBER.has(node.callee.type) || node.callee.computed) return undefined;
      const method = node.callee.property;
      if (method.type !== 'Identifier' || !LEVELS.has(method.name)) return undefined;
      const receiver = receiverText(node.callee.object);
      return receiver !== undefined && LOGGER.test(receiver) ? 'operator log call: wording, level and fields' : undefined;
    },
  }),
];
