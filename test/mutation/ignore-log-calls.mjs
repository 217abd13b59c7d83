// A Stryker ignorer (stryker.config.mjs): no mutants inside log calls
// (`log.warn(…)`, `deps.log.info(…)`, `ctx.log.error(…)`), in the context
// given to a child logger (`log.child({ orderId })`), or of a `.catch`
// handler that only logs (`.catch((error) => log.warn(…))`: replacing it
// with `() => undefined` still swallows the error, silently). Their words and
// fields are for the operator reading logs, and no test pins them; what the
// logs must never hold (secrets, activation codes) is checked by the log-leak
// scan of every end-to-end test, not by mutants. Hand-written: Stryker ships
// no ignorer, only the plugin kind.
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

const LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "child"]);

/** `log.<level>(…)` or `<anything>.log.<level>(…)` (`child` included). */
function isLogCall(node) {
  if (node.type !== "CallExpression" || node.callee.type !== "MemberExpression") return false;
  const { object, property } = node.callee;
  if (property.type !== "Identifier" || !LEVELS.has(property.name)) return false;
  if (object.type === "Identifier") return object.name === "log";
  return object.type === "MemberExpression" && object.property.type === "Identifier" && object.property.name === "log";
}

/** A function whose whole body is one log call: `(e) => log.warn(…)` or `(e) => { log.warn(…); }`. */
function onlyLogs(node) {
  if (node.type !== "ArrowFunctionExpression" && node.type !== "FunctionExpression") return false;
  const { body } = node;
  if (body.type !== "BlockStatement") return isLogCall(body);
  return body.body.length === 1 && body.body[0].type === "ExpressionStatement" && isLogCall(body.body[0].expression);
}

/** The handler of `promise.catch(handler)` when it only logs. */
function isLoggingCatchHandler(path) {
  const parent = path.parent;
  const isCatch = parent?.type === "CallExpression" && parent.callee.type === "MemberExpression" && parent.callee.property.type === "Identifier" && parent.callee.property.name === "catch";
  return isCatch && parent.arguments[0] === path.node && onlyLogs(path.node);
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "log-calls", {
    shouldIgnore(path) {
      if (isLogCall(path.node)) return "a log call: its text is for people, pinned by no test (secrets are checked by the log-leak scan)";
      if (isLoggingCatchHandler(path)) return "a .catch handler that only logs: without it the error is swallowed all the same, only unlogged";
      return undefined;
    },
  }),
];
