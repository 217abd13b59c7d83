# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## El menú /admin (solo operadores)
admin-menu-title =
    🛠 <b>Administración de la tienda</b>
    Elige qué hacer:
admin-menu-sales = 📊 Ventas
admin-menu-attention = 🚨 Requiere atención
admin-menu-lookup = 🔎 Buscar un pedido
admin-menu-broadcast = 📣 Difusión

## Difusiones: redactar → vista previa → audiencia → confirmar
broadcast-compose =
    📣 <b>Nueva difusión</b>
    Envíame el mensaje para los viajeros: texto, o una foto con pie. Se mantiene el formato (negrita, enlaces…), y debajo va un botón «🔕 No más noticias».
    /cancel para salir.
broadcast-compose-hint = Envía el mensaje como texto, o una foto con pie — o /cancel.
broadcast-use-buttons = Usa los botones bajo la vista previa — o /cancel.
broadcast-audience =
    👆 Así lo verán exactamente los viajeros.
    ¿Quién debe recibirlo? (Nunca se cuentan quienes se dieron de baja de las noticias o bloquearon el bot.)
broadcast-audience-all = 👥 Todos · { $count }
broadcast-audience-recent = 🛍 Compraron en { $days } días · { $count }
broadcast-audience-esim = 📶 eSIM activa · { $count }
broadcast-edit = ✏️ Cambiar el mensaje
broadcast-cancel = ✖️ Cancelar
broadcast-confirm-all = ¿Enviar el mensaje de arriba a <b>{ $count }</b> { $count ->
        [one] viajero
       *[other] viajeros
    }, a todos?
broadcast-confirm-recent = ¿Enviar el mensaje de arriba a <b>{ $count }</b> { $count ->
        [one] viajero
       *[other] viajeros
    } que compraron en los últimos { $days } días?
broadcast-confirm-esim = ¿Enviar el mensaje de arriba a <b>{ $count }</b> { $count ->
        [one] viajero
       *[other] viajeros
    } con una eSIM activa?
broadcast-send = ✅ Enviar ahora
broadcast-back = ⬅️ Atrás
broadcast-started = ✅ Enviando a { $count } { $count ->
        [one] viajero
       *[other] viajeros
    }. El progreso sigue abajo.
broadcast-already-started = ✅ Esta difusión ya está en camino ({ $count }).
broadcast-empty = No hay nadie en esta audiencia ahora mismo. Elige otra.
broadcast-cancelled = Difusión cancelada. No se envió nada.
broadcast-progress =
    📣 Difusión: { $done } de { $total }
    ✅ Enviados: { $sent } · 🚫 Bloqueados: { $blocked } · ⚠️ Fallidos: { $failed }
broadcast-progress-finished =
    📣 Difusión terminada: { $done } de { $total }
    ✅ Enviados: { $sent } · 🚫 Bloqueados: { $blocked } · ⚠️ Fallidos: { $failed }
broadcast-tally =
    ✅ <b>Difusión terminada</b>
    Enviados: { $sent }
    Bloquearon el bot: { $blocked }
    Fallidos: { $failed }
    Se dieron de baja mientras tanto: { $skipped }
