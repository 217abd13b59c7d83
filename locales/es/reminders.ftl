# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## "¿Cuándo sales?" tras la entrega
trip-question = ✈️ <b>¿Cuándo sales de viaje?</b> El día antes te recordaré instalar la eSIM con wifi, y ese día, activar su itinerancia de datos.
trip-today = Hoy
trip-tomorrow = Mañana
trip-in-days = En { $days ->
        [one] { $days } día
       *[other] { $days } días
    }
trip-pick = 📅 Elegir fecha
trip-skip = Sin recordatorios
trip-calendar = 📅 <b>¿Cuándo sales de viaje?</b> Elige el día.
trip-earlier = ‹ Antes
trip-later = Después ›
trip-back = ⬅️ Atrás
trip-set = ✈️ Sales el <b>{ $date }</b>. Te lo recordaré el día antes y ese mismo día.
trip-skipped = 👌 Sin recordatorios. Instala la eSIM en casa con wifi antes de volar y, al llegar, activa su itinerancia de datos.
trip-change = ✏️ Cambiar la fecha
trip-day-passed = Ese día ya pasó. Elige otro, por favor.

## Recordatorios
remind-install-check =
    🤔 <b>¿Se instaló tu eSIM para { $destination }?</b>

    Si ya está en tu teléfono, todo listo: funcionará cuando llegues. Si algo salió mal, te ayudo.
remind-installed-button = Instalada ✅
remind-help-button = 🆘 Necesito ayuda
remind-installed-thanks = 🎉 ¡Genial, gracias! Al llegar, activa la itinerancia de datos de la eSIM. ¡Buen viaje!
remind-trip-eve =
    ✈️ <b>¡Mañana viajas: { $destination }!</b>

    ¿Aún no la instalaste? Hazlo hoy en casa con wifi: para instalarla hace falta internet. Los días de la eSIM empiezan a contar cuando se conecta en destino.
remind-trip-day =
    🛬 <b>Día de viaje: { $destination }!</b>

    Al llegar: Ajustes → Datos móviles (Android: SIM) → activa la línea de la eSIM y su <b>itinerancia de datos</b>, y elígela para los datos móviles.
