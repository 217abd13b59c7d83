# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Idioma
language-choose = Elige tu idioma:
language-changed = Idioma: español.
