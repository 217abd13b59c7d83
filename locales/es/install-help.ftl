# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Installing an eSIM: steps and copy buttons
install-steps =
    <b>iPhone</b> (iOS 17.4+): toca “Instalar en iPhone” abajo. O: Ajustes → Datos móviles → Añadir eSIM → Usar código QR → Introducir datos manualmente, y pega los dos códigos.
    <b>Android</b>: Ajustes → Redes e internet (Samsung: Conexiones → Administrador de SIM) → SIM → Añadir eSIM → Introducir código manualmente, y pega los códigos.
install-copy-smdp = 📋 Copiar dirección SM-DP+
install-copy-code = 📋 Copiar código de activación

## Troubleshooting (the reminders' "I need help")
install-help =
    🆘 <b>¿La eSIM no funciona? Revisa esto:</b>

    1. <b>¿Instalada?</b> En Ajustes → Datos móviles (Android: Redes e internet → SIM) debe aparecer la eSIM. Si no, instálala otra vez con el código QR o los códigos, con wifi.
    2. <b>Línea activada:</b> la línea de la eSIM está activada.
    3. <b>Itinerancia de datos activada</b> para la eSIM: en el extranjero siempre está en itinerancia.
    4. <b>Datos móviles</b> por la eSIM, no por tu SIM de casa.
    5. <b>APN:</b> la eSIM lo configura sola. Si sigues sin internet tras unos minutos, abre los puntos de acceso (APN) de la eSIM y elige el que venía con ella, nunca el de tu operador de casa.
    6. ¿Nada aún? Activa y desactiva el modo avión o reinicia el teléfono.
