# La mesa de pedidos del operador: ventas, requiere atención, búsqueda, la ficha del pedido y sus acciones.
# Los mensajes son HTML (parse_mode HTML): el código escapa las variables. Horas en UTC.
admin-none = —
order-open = 🔎 Abrir pedido

## Ventas
sales-period-today = Hoy
sales-period-7d = 7 días
sales-period-30d = 30 días
sales-summary =
    📊 <b>Ventas · { $period }</b>
    { $from } – { $to } UTC
    Pedidos pagados: <b>{ $paid }</b>
    Entregados: { $delivered }
    Reembolsados: { $refunded }
    Ingresos: <b>{ $revenue }</b> (≈ { $revenueUsd })
    Coste del proveedor: { $cost }
    Margen: <b>{ $margin }</b>
    Pago → entrega: mediana { $median }, p95 { $p95 }
    Destinos principales:
    { $top }

## Requiere atención
attention-empty = 🎉 Ahora mismo nada requiere atención.
attention-title = 🚨 <b>Requiere atención</b> · { $total } · página { $page }/{ $pages }
attention-previous = ⬅️ Más recientes
attention-next = Más antiguos ➡️
attention-payment = pago <code>{ $charge }</code> (sin pedido)
attention-reason-late = no entregado a tiempo
attention-reason-needs-operator = pasado a ti
attention-reason-refund-failed = Telegram rechazó el reembolso
attention-reason-refund-manual = reembolso con tarjeta pendiente
attention-reason-refunded-elsewhere = reembolsado fuera de la tienda

## Búsqueda
lookup-help =
    🔎 Envía <code>/admin</code> seguido de un id de pedido, un ICCID (o sus últimos 4+ dígitos), un id de cargo de Telegram, un id de usuario o un @usuario.
    Por ejemplo: <code>/admin 4821</code>
lookup-nothing = Nada encontrado para «{ $query }». Prueba un id de pedido, un ICCID o sus últimos dígitos, un id de cargo de Telegram, un id de usuario o un @usuario.
lookup-found = 🔎 { $count } pedidos para «{ $query }», los más recientes primero:

## Estados del pedido
order-status-awaiting_payment = pendiente de pago
order-status-expired = caducado
order-status-paid = pagado, sin entregar
order-status-delivered = entregado
order-status-refunding = reembolsándose
order-status-refunded = reembolsado
order-status-needs_operator = te espera

## La ficha del pedido
order-card-title = 🧾 <b>Pedido <code>{ $order }</code></b> · { $status }
order-card-traveller = 👤 { $name }{ $username } · id <code>{ $user }</code>{ $flags }
order-card-blocked = 🚫 bloqueó el bot
order-card-no-news = 🔕 sin noticias
order-card-plan = 📦 { $plan } · { $destination }{ $kind }
order-card-top-up = (recarga)
order-card-price = 💰 { $price } · coste del proveedor { $cost }
order-card-payment = 💳 Cargo <code>{ $charge }</code> · { $status } · pagos: { $count }
order-card-no-payment = 💳 Sin pagar
order-card-job = ⚙️ Entrega: { $status } · intentos: { $attempts } · plazo { $deadline }{ $unknown } · último error: { $error }
order-card-job-running = en curso
order-card-outcome-unknown = respuesta del proveedor desconocida desde { $since }
order-card-esim = 📶 eSIM <code>{ $iccid }</code> · { $status } · usados { $used } de { $total } (consultado { $checked }) · pedido del proveedor <code>{ $upstream }</code>
order-card-resolved = ✅ Marcado como resuelto { $at }
order-card-timeline = 🕓 <b>Historial</b> (UTC)
order-card-earlier = … { $count } anteriores

## Líneas del historial
timeline-created = pedido creado, factura enviada
timeline-payment = pago <code>{ $charge }</code> { $price }: { $status }
timeline-paid = pagado
timeline-upstream-requested = pedido al proveedor (respuesta aún desconocida)
timeline-ordered-upstream = eSIM emitida por el proveedor (<code>{ $upstream }</code>)
timeline-delivered = entregado al viajero
timeline-notification = mensaje «{ $notice }»: { $status }
timeline-top-up = recarga <code>{ $order }</code>: { $status }
timeline-refund-decided = reembolso { $status }: { $reason }
timeline-refunded = reembolsado
timeline-operator = 🛠 { $action } por <code>{ $operator }</code>: { $result }{ $note }
timeline-action-retry = reintento de entrega
timeline-action-resend = reenvío de la eSIM
timeline-action-refund = reembolso
timeline-action-resolve = marcado como resuelto

## Acciones
order-button-retry = 🔁 Reintentar la entrega ahora
order-button-resend = 📨 Reenviar la eSIM al viajero
order-button-refund-stars = ↩️ Reembolsar Stars
order-button-refund-card = ↩️ Marcar reembolsado (tarjeta)
order-button-resolve = ✅ Marcar como resuelto
order-button-refresh = 🔄 Actualizar
order-confirm-retry = ¿Reintentar ahora la entrega del pedido <code>{ $order }</code>?
order-confirm-resend = ¿Enviar de nuevo al viajero la eSIM del pedido <code>{ $order }</code>?
order-confirm-refund-stars = ¿Reembolsar { $price } del pedido <code>{ $order }</code> al viajero? Ya no se pedirá nada para él.
order-confirm-refund-card = ¿Marcar el pago con tarjeta del pedido <code>{ $order }</code> ({ $price }) como reembolsado fuera de la tienda?
order-confirm-yes = ✅ Sí, hazlo
order-confirm-back = ⬅️ Atrás
order-result-retry = 🔁 La entrega se está reintentando ahora.
order-result-resend = 📨 La eSIM se envió de nuevo al viajero.
order-result-refund-stars = ↩️ Reembolso registrado: las Stars vuelven al viajero.
order-result-refund-card = ↩️ Registrado como reembolsado fuera de la tienda.
order-result-resolve = ✅ Marcado como resuelto.
order-result-stale = Este pedido cambió desde que se mostró la ficha (o ya estaba hecho). Así está ahora.
order-result-not-allowed = Eso no es posible para este pedido en su estado actual.
order-result-busy = La entrega de este pedido está en curso ahora mismo. Inténtalo en un minuto.
order-result-not-found = No existe ese pedido.
order-result-note-required = Esto necesita una nota.
order-result-send-failed = Registrado, pero Telegram no aceptó el mensaje: { $reason }
order-result-refused = Este botón ha caducado.

## Notas (resuelto; reembolsos con tarjeta)
order-note-ask-resolve = ✍️ ¿Cómo se resolvió el pedido <code>{ $order }</code>? Envía una nota breve (queda en el registro de auditoría).
order-note-ask-refund = ✍️ ¿Cómo se reembolsó el pago con tarjeta del pedido <code>{ $order }</code>? Envía una nota breve (queda en el registro de auditoría).
order-note-check-resolve = ¿Marcar el pedido <code>{ $order }</code> como resuelto con esta nota?
    «{ $note }»
order-note-check-refund = ¿Registrar el pago con tarjeta del pedido <code>{ $order }</code> como reembolsado fuera de la tienda, con esta nota?
    «{ $note }»
order-note-confirm = ✅ Confirmar
order-note-cancel = ✖️ Cancelar
order-note-hint = Envía la nota como texto — o pulsa Cancelar.
order-note-use-buttons = Usa los botones bajo la nota — o /cancel.
order-note-cancelled = Cancelado. No se cambió nada.
