# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Plan picker and one-line requests
buy-plans =
    { $flag } <b>{ $destination }</b>

    📶 Elige un plan: datos · días · precio. La validez empieza con la primera conexión.
buy-plans-best =
    { $flag } <b>{ $destination }</b>

    📶 Elige un plan: datos · días · precio. La validez empieza con la primera conexión.
    💎 marca el mejor precio por GB.
buy-plan-option = { $data } · { $days ->
        [one] { $days } día
       *[other] { $days } días
    } · { $price }
buy-best-mark = 💎
buy-steps-button = 🪜 Paso a paso: datos y luego días
buy-days = { $days ->
        [one] { $days } día
       *[other] { $days } días
    }
buy-nearest = 🔎 Ningún plan tiene exactamente { $wish }: este es el más parecido.
buy-wish-where = 🌍 ¿Dónde necesitas { $wish }? Escribe el país o elige uno abajo.
