# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Entrega
delivery-preparing = ⏳ Tu eSIM se está preparando. El proveedor va lento ahora mismo: te la enviaré aquí en cuanto esté lista. No tienes que hacer nada.
delivery-caption =
    ✅ <b>Tu eSIM está lista: { $plan }</b>

    Escanea este código QR: iPhone — Ajustes → Datos móviles → Añadir eSIM → Usar código QR; Android — Ajustes → Conexiones → Administrador de SIM → Añadir eSIM.
delivery-details =
    <b>Instalación manual</b>
    Dirección SM-DP+:
    <code>{ $smdp }</code>
    Código de activación:
    <code>{ $code }</code>

    { $steps }

    Al llegar, activa la <b>itinerancia de datos</b> para esta eSIM.

    ⚠️ Un código QR se instala una sola vez: no borres la eSIM del teléfono después de instalarla.
    📅 La validez ({ $days ->
        [one] { $days } día
       *[other] { $days } días
    }) empieza con la primera conexión. ICCID …{ $iccidTail }
delivery-install-iphone = 📲 Instalar en iPhone
refund-automatic = 😔 No pudimos obtener tu eSIM ({ $plan }) del proveedor a tiempo, así que te hemos devuelto el pago de { $price }. Lo sentimos: inténtalo más tarde con /buy.
refund-manual = 😔 No pudimos obtener tu eSIM ({ $plan }) del proveedor a tiempo. Nuestro equipo te devolverá pronto el pago de { $price }. Lo sentimos.
