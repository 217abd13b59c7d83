# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Installing an eSIM: steps and copy buttons
install-steps =
    <b>iPhone</b> (iOS 17.4+): toca “Instalar en iPhone” abajo. O: Ajustes → Datos móviles → Añadir eSIM → Usar código QR → Introducir datos manualmente, y pega los dos códigos.
    <b>Android</b>: Ajustes → Redes e internet (Samsung: Conexiones → Administrador de SIM) → SIM → Añadir eSIM → Introducir código manualmente, y pega los códigos.
install-copy-smdp = 📋 Copiar dirección SM-DP+
install-copy-code = 📋 Copiar código de activación
