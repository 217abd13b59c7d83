# Сообщения в HTML (parse_mode HTML): переменные экранирует код.

## Язык
language-choose = Выберите язык:
language-changed = Язык: русский.
