## The command menu next to the message field (set at start; plain text, up to 256 characters)
command-buy = Comprar una eSIM
command-mysims = Mis eSIM: saldo, recarga, QR otra vez
command-language = Cambiar el idioma
command-help = Cómo funciona
command-cancel = Cancelar lo que estás haciendo
