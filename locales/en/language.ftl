# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Language
language-choose = Choose your language:
language-changed = Language set to English.
