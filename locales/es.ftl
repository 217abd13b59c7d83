# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Menú principal
start-greeting =
    👋 ¡Hola, { $name }! Vendo eSIM de viaje: datos móviles en más de 190 países, entregados aquí mismo como código QR en un minuto.

    Elige destino, cantidad de datos y cuántos días necesitas, paga con Telegram y escanea el QR antes de volar. La validez empieza solo cuando la eSIM se conecta por primera vez en destino.
menu-buy = 🛒 Comprar una eSIM
menu-mysims = 📱 Mis eSIM
menu-language = 🌐 Idioma
menu-help = ❓ Ayuda
help =
    <b>Cómo funciona</b>
    1. /buy — elige adónde viajas, cuántos datos y por cuánto tiempo.
    2. Paga con Telegram. Aquí recibes el código QR y los códigos para instalarla a mano.
    3. Instala la eSIM en casa con wifi; empieza a contar cuando se conecta por primera vez en destino.

    /buy — comprar una eSIM
    /mysims — tus eSIM: saldo, recarga, QR otra vez
    /language — cambiar el idioma
    /cancel — dejar lo que estás haciendo

## Idioma
language-choose = Elige tu idioma:
language-changed = Idioma: español.

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

## Regiones
region-europe = Europa
region-asia = Asia
region-north-america = Norteamérica
region-latin-america = Latinoamérica
region-caribbean = Caribe
region-middle-east = Oriente Medio
region-africa = África
region-oceania = Oceanía
region-balkans = Balcanes
region-global = Todo el mundo

## Pago
precheckout-unknown-order = Esta factura ya no es válida. Empieza de nuevo con /buy.
precheckout-wrong-user = Esta factura es de otra persona. Envía /buy para obtener la tuya.
precheckout-already-paid = Este pedido ya está pagado. Tu eSIM está en camino a este chat.
precheckout-not-sold = Este plan ya no está a la venta. Elige otro con /buy.
precheckout-price-changed = El precio de este plan ha cambiado. Empieza de nuevo con /buy para ver el precio nuevo.
payment-received = ✅ Pago recibido. Estoy preparando tu eSIM; suele tardar menos de un minuto.
payment-duplicate-refunded = Pagaste dos veces el pedido { $order }. Te hemos devuelto el segundo pago de { $price }.
payment-duplicate-manual = Pagaste dos veces el pedido { $order }. Te devolveremos pronto el segundo pago de { $price }.
payment-unknown-order-refunded = No pudimos asociar tu pago a un pedido, así que te lo hemos devuelto. Empieza de nuevo con /buy.
payment-unknown-order-manual = No pudimos asociar tu pago a un pedido. Te lo devolveremos pronto; empieza de nuevo con /buy.

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

    <b>iPhone</b> (iOS 17.4+): toca “Instalar en iPhone” abajo. O Ajustes → Datos móviles → Añadir eSIM → Usar código QR → Introducir datos manualmente.
    <b>Android</b>: Ajustes → Conexiones → Administrador de SIM → Añadir eSIM → Escanear código QR, o introduce el código a mano.

    Al llegar, activa la <b>itinerancia de datos</b> para esta eSIM.

    ⚠️ Un código QR se instala una sola vez: no borres la eSIM del teléfono después de instalarla.
    📅 La validez ({ $days ->
        [one] { $days } día
       *[other] { $days } días
    }) empieza con la primera conexión. ICCID …{ $iccidTail }
delivery-install-iphone = 📲 Instalar en iPhone
refund-automatic = 😔 No pudimos obtener tu eSIM ({ $plan }) del proveedor a tiempo, así que te hemos devuelto el pago de { $price }. Lo sentimos: inténtalo más tarde con /buy.
refund-manual = 😔 No pudimos obtener tu eSIM ({ $plan }) del proveedor a tiempo. Nuestro equipo te devolverá pronto el pago de { $price }. Lo sentimos.

## Avisos al operador (ADMIN_IDS)
admin-refund-needed =
    ⚠️ Hace falta un reembolso manual
    Pedido: <code>{ $order }</code>
    Usuario: <code>{ $user }</code>
    Importe: { $price }
    Cargo: <code>{ $charge }</code>
    Motivo: { $reason }
admin-unknown-payment =
    ⚠️ Pago de un pedido desconocido
    Payload: <code>{ $payload }</code>
    Usuario: <code>{ $user }</code>
    Importe: { $price }
    Cargo: <code>{ $charge }</code>

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

## Inline mode (@bot in any chat)
inline-open-bot = Abrir el bot
inline-open-mysims = 📱 Abrir Mis eSIM
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
