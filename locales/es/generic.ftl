# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Respuestas generales
cancelled = Cancelado. Envía /buy cuando quieras.
nothing-to-cancel = No hay nada que cancelar. Envía /buy para conseguir una eSIM.
button-expired = Este botón ha caducado. Envía /buy para empezar de nuevo.
button-not-active = Ese botón ya no está activo: usa el último mensaje.
unknown-command = No conozco ese comando. Prueba /buy, /mysims, /language o /help.
fallback-text = Puedo venderte una eSIM de viaje: envía /buy para empezar o /help para ver cómo funciona.
fallback-media = Solo entiendo texto y botones. Envía /buy para conseguir una eSIM.
group-only-private = Vendo eSIM en un chat privado, para que tus códigos sean solo tuyos. Toca para abrirlo:
group-open-private = Abrir el bot
shop-unavailable = El catálogo de eSIM se está actualizando. Inténtalo de nuevo en unos minutos.
