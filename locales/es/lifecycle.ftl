# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Avisos de la eSIM
notify-activated =
    📶 <b>¡Tu eSIM para { $destination } está conectada!</b>

    Tienes { $data } para usar hasta el { $until }.
notify-data-low =
    ⚠️ <b>A tu eSIM de { $destination } le quedan pocos datos</b>: { $left } de { $data }.

    Recarga ahora para no quedarte sin conexión.
notify-expiring-soon =
    ⏳ <b>Tu eSIM de { $destination } caduca pronto</b>: { $until }.

    Recarga para ampliarla sin reinstalar.
notify-expired-data = ⌛ <b>Tu eSIM de { $destination } ha agotado sus datos.</b> Compra un plan nuevo para no quedarte sin conexión.
notify-expired-time = ⌛ <b>Tu eSIM de { $destination } ha caducado.</b> Compra un plan nuevo para tu próximo viaje.
notify-topup-button = ➕ Recargar
notify-buy-again-button = 🔁 Comprar de nuevo
