# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Inline mode (@bot in any chat)
inline-open-bot = Abrir el bot
inline-open-mysims = 📱 Abrir Mis eSIM
inline-not-sold = 😔 Aún no hay planes para { $country } · Ver destinos
inline-nothing-found = 🔎 Sin resultados · Ver destinos
inline-esim-title = { $flag } { $destination }: quedan { $left } de { $total }
inline-plan-title = { $flag } { $destination } · { $data } · { $days ->
        [one] { $days } día
       *[other] { $days } días
    }
inline-plan-description = { $price } · la validez empieza con la primera conexión
inline-plan-buy = 🛒 Comprar en el bot
inline-plan-card =
    { $flag } <b>eSIM { $destination }</b>: { $data } durante { $days ->
        [one] { $days } día
       *[other] { $days } días
    } — { $price }
    Se entrega en Telegram como código QR; la validez empieza con la primera conexión.
