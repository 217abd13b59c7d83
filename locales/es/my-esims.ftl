# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## My eSIMs (/mysims)
mysims-header = 📱 <b>Tus eSIM</b> ({ $count })
mysims-empty = Aún no tienes eSIM. Compra una para tu próximo viaje: llega aquí en un minuto.
mysims-inline-button = 🔎 Consultar desde cualquier chat: @{ $bot }
mysims-back-button = ‹ Todas mis eSIM
mysims-open-button = 📱 Mis eSIM
esim-card-title = { $flag } <b>{ $destination }</b> · { $plan }
esim-status-issued = ⏳ Pendiente de instalar
esim-status-active = ✅ Activa
esim-status-expired = ⌛ Caducada
esim-card-data = { $bar } quedan { $left } de { $total } ({ $used } usados)
esim-validity-not-started = 📅 La validez empieza con la primera conexión ({ $days ->
        [one] { $days } día
       *[other] { $days } días
    })
esim-validity-days-left = 📅 Quedan { $days ->
        [one] { $days } día
       *[other] { $days } días
    }, hasta el { $until }
esim-validity-hours-left = 📅 Quedan { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }, hasta el { $until }
esim-validity-ended = 📅 Terminó el { $until }
esim-card-iccid = ICCID …{ $tail }
esim-checked = Actualizado { $ago }
esim-checked-just-now = ahora mismo
esim-refresh-button = 🔄 Actualizar
esim-qr-button = 📷 Ver el QR otra vez
esim-qr-installed = Esta eSIM ya está instalada. Un código QR se instala una sola vez, así que no hay nada que escanear de nuevo.
esim-not-yours = Esta eSIM no está en tu cuenta.
