# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Compra
buy-destination =
    🌍 <b>¿Adónde viajas?</b>

    Escribe un país — por ejemplo <i>Japón</i>, <i>JP</i> o 🇯🇵 — o elige uno abajo.
buy-regions = 🗺 <b>Los planes regionales y mundiales</b> funcionan en muchos países con una sola eSIM. Elige una región:
buy-regions-button = 🗺 Regiones y mundo
buy-popular-button = ⭐ Países populares
buy-search-ambiguous = 🔎 ¿Cuál querías decir?
buy-search-none = 🤷 No encontré “{ $query }”. Revisa la ortografía o escribe el país en inglés o con un código como JP.
buy-search-suggestions = 🤷 No encontré “{ $query }”. ¿Quizá uno de estos?
buy-search-not-sold = 😔 Aún no tenemos planes para { $country }.
buy-search-not-sold-covering = 😔 No tenemos planes solo para { $country }, pero estos lo cubren:
buy-data =
    { $flag } <b>{ $destination }</b>

    📶 ¿Cuántos datos necesitas?
buy-data-option = { $data } · desde { $price }
buy-validity =
    { $flag } <b>{ $destination }</b> · { $data }

    📅 ¿Por cuánto tiempo?
buy-validity-option = { $days ->
        [one] { $days } día · { $price }
       *[other] { $days } días · { $price }
    }
buy-summary =
    { $flag } <b>{ $plan }</b>

    📶 Datos: <b>{ $data }</b>
    📅 Validez: <b>{ $days ->
        [one] { $days } día
       *[other] { $days } días
    }</b> — empieza con la primera conexión, no con la compra
    💰 Precio: <b>{ $price }</b>
    🗺 Cobertura: { $coverage }
    📡 Redes: { $operators }

    📱 Tu teléfono debe ser compatible con eSIM y estar liberado: { $devices }
buy-summary-coverage-more = { $list } y { $more } más
buy-summary-operators-unknown = las mejores redes locales
buy-devices-button = 📱 Dispositivos compatibles
buy-devices =
    📱 <b>Dispositivos compatibles con eSIM</b>

    { $devices }

    Para comprobar el tuyo: iPhone — Ajustes → General → Información, busca “SIM digital” o “SIM disponible”; Android — Ajustes → Conexiones → Administrador de SIM, busca “Añadir eSIM”.
buy-devices-more = …y { $count } más.
buy-pay-button = 💳 Pagar { $price }
buy-back = ⬅️ Atrás
buy-cancel = ✖️ Cancelar
buy-invoice-sent = 👇 Aquí tienes la factura. Tu eSIM llega a este chat justo después del pago.
buy-plan-gone = 😔 Este plan ya no está a la venta. Elige otro, por favor.
buy-use-buttons = Elige con los botones de arriba, escribe un destino o envía /cancel.
buy-use-buttons-only = Elige con los botones de arriba o envía /cancel.
invoice-title = eSIM { $plan }
invoice-description = { $data }, { $days ->
        [one] { $days } día
       *[other] { $days } días
    } desde la primera conexión. Se entrega en este chat como código QR.
invoice-label = eSIM { $plan }
