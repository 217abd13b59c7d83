/** getMe, the command lists and the menu button. */
import type { BotCommand } from "grammy/types";
import { badRequest } from "../api-error.ts";
import { isObject, type JsonObject, type Params } from "../params.ts";
import type { MethodTable } from "./method.ts";

const MENU_BUTTON_TYPES = new Set(["default", "commands", "web_app"]);

/** Handlers for the bot's own settings. */
export const botSettingsMethods: MethodTable = {
  getMe: ({ state }) => state.me,

  setMyCommands: ({ params, state }) => {
    const commands = params.array("commands").map(readCommand);
    if (commands.length > 100) throw badRequest("too many commands");
    state.commands.set(commandsKey(params), commands);
    return true;
  },

  getMyCommands: ({ params, state }) => state.commands.get(commandsKey(params)) ?? [],

  deleteMyCommands: ({ params, state }) => {
    state.commands.delete(commandsKey(params));
    return true;
  },

  setChatMenuButton: ({ params, state }) => {
    const button = params.optionalObject("menu_button") ?? { type: "default" };
    if (typeof button.type !== "string" || !MENU_BUTTON_TYPES.has(button.type)) {
      throw badRequest("unsupported menu button type");
    }
    state.menuButtons.set(menuKey(params), button);
    return true;
  },

  getChatMenuButton: ({ params, state }) => state.menuButtons.get(menuKey(params)) ?? { type: "default" },
};

/** The key under which commands for a scope and language are stored (also used by the emulator's reader). */
export function commandsStorageKey(scope: JsonObject | undefined, languageCode: string | undefined): string {
  const normalized = scope ?? { type: "default" };
  return `${String(normalized.type)}:${String(normalized.chat_id ?? "")}:${String(normalized.user_id ?? "")}|${languageCode ?? ""}`;
}

function commandsKey(params: Params): string {
  return commandsStorageKey(params.optionalObject("scope"), params.optionalString("language_code"));
}

function menuKey(params: Params): string {
  return String(params.optionalInt("chat_id") ?? "default");
}

function readCommand(value: unknown): BotCommand {
  if (!isObject(value) || typeof value.command !== "string" || typeof value.description !== "string") {
    throw badRequest("can't parse BotCommand: commands need a command and a description");
  }
  if (!/^[a-z0-9_]{1,32}$/.test(value.command)) throw badRequest("BOT_COMMAND_INVALID");
  const description = value.description.trim();
  if (description.length < 1 || description.length > 256) throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
  return { command: value.command, description: value.description };
}
