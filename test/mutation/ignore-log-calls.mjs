// A Stryker ignorer (stryker.config.mjs): no mutants inside log calls
// (`log.warn(…)`, `deps.log.info(…)`, `ctx.log.error(…)`). Their words and
// fields are for the operator reading logs, and no test pins them; what the
// logs must never hold (secrets, activation codes) is checked by the log-leak
// scan of every end-to-end test, not by mutants. Hand-written: Stryker ships
// no ignorer, only the plugin kind.
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

const LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal"]);

/** `log.<level>(…)` or `<anything>.log.<level>(…)`. */
function isLogCall(node) {
  if (node.type !== "CallExpression" || node.callee.type !== "MemberExpression") return false;
  const { object, property } = node.callee;
  if (property.type !== "Identifier" || !LEVELS.has(property.name)) return false;
  if (object.type === "Identifier") return object.name === "log";
  return object.type === "MemberExpression" && object.property.type === "Identifier" && object.property.name === "log";
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "log-calls", {
    shouldIgnore(path) {
      return isLogCall(path.node) ? "a log call: its text is for people, pinned by no test (secrets are checked by the log-leak scan)" : undefined;
    },
  }),
];
