# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Menú principal
start-greeting =
    👋 ¡Hola, { $name }! Vendo eSIM de viaje: datos móviles en más de 190 países, entregados aquí mismo como código QR en un minuto.

    Escribe adónde vas — <i>Japón</i> — o el plan entero — <i>Japón 10 GB 30 días</i> — o toca un país abajo. Paga con Telegram y escanea el QR antes de volar. La validez empieza solo cuando la eSIM se conecta por primera vez en destino.
menu-buy = 🛒 Comprar una eSIM
menu-mysims = 📱 Mis eSIM
menu-language = 🌐 Idioma
menu-help = ❓ Ayuda
help =
    <b>Cómo funciona</b>
    1. Escribe adónde viajas — <i>Japón</i>, o todo junto: <i>Japón 10 GB 30 días</i> — o envía /buy.
    2. Paga con Telegram. Aquí recibes el código QR y los códigos para instalarla a mano.
    3. Instala la eSIM en casa con wifi; empieza a contar cuando se conecta por primera vez en destino.

    /buy — comprar una eSIM
    /mysims — tus eSIM: saldo, recarga, QR otra vez
    /language — cambiar el idioma
    /cancel — dejar lo que estás haciendo
    /stop_news — no recibir más noticias (/start_news para volver a recibirlas)
