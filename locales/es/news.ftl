# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Difusiones como las ven los viajeros: el botón de baja y los comandos
news-stop-button = 🔕 No más noticias
news-stopped = 🔕 Listo: no te enviaremos más noticias. Tus eSIM, recargas y avisos de saldo siguen igual. Envía /start_news para volver a recibirlas.
news-already-stopped = Ya no recibes nuestras noticias. Envía /start_news para volver a recibirlas.
news-started = 🔔 Volverás a recibir nuestras noticias y ofertas. Envía /stop_news para dejar de recibirlas.
news-already-started = Ya recibes nuestras noticias. Envía /stop_news para dejar de recibirlas.
