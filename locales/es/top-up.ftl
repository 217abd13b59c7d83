# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Top-up
topup-choose =
    ➕ <b>Recarga tu eSIM { $flag } { $destination }</b> (…{ $tail })
    Ahora: quedan { $left }. { $validity }

    Elige qué añadir, sin reinstalar nada:
topup-option = +{ $data } · +{ $days ->
        [one] { $days } día
       *[other] { $days } días
    } — { $price }
topup-cancel-button = ‹ Volver
topup-option-gone = Esta opción ya no está a la venta. Elige otra.
topup-expired = ⌛ Tu eSIM { $flag } <b>{ $destination }</b> ha caducado y ya no se puede recargar. ¿Compras un plan nuevo para el mismo destino?
topup-not-sold = Ahora no se venden recargas para tu eSIM { $flag } <b>{ $destination }</b>. Puedes comprar un plan nuevo.
topup-invoice-title = Recarga: { $destination }
topup-invoice-description = Añade { $data } y { $days ->
        [one] { $days } día
       *[other] { $days } días
    } a tu eSIM …{ $tail }. Sin reinstalar.
topup-invoice-label = +{ $data }, +{ $days ->
        [one] { $days } día
       *[other] { $days } días
    }
topup-preparing = ⏳ Estamos procesando tu recarga. El proveedor va lento ahora mismo; te lo confirmo aquí en cuanto esté.
topup-applied = ✅ <b>Recarga añadida: +{ $data }, +{ $days ->
        [one] { $days } día
       *[other] { $days } días
    }.</b>
topup-refund-automatic = 😔 No pudimos añadir tu recarga ({ $plan }) a tiempo, así que te hemos devuelto el pago de { $price }. Lo sentimos.
topup-refund-manual = 😔 No pudimos añadir tu recarga ({ $plan }) a tiempo. Nuestro equipo te devolverá el pago de { $price } en breve. Lo sentimos.
precheckout-esim-expired = Esta eSIM ha caducado y no se puede recargar. Abre /mysims para comprar un plan nuevo.
