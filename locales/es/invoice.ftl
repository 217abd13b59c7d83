# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## When Telegram does not accept an invoice (nothing is charged)
invoice-failed = ⚠️ No se pudo enviar la factura, así que no se cobró nada. Pulsa Pagar de nuevo en un momento. Si sigue fallando, los pagos no funcionan ahora mismo: vuelve más tarde o escribe al soporte de la tienda.
topup-invoice-failed = ⚠️ No se pudo enviar la factura, así que no se cobró nada. Elige la recarga de nuevo en un momento. Si sigue fallando, los pagos no funcionan ahora mismo: vuelve más tarde o escribe al soporte de la tienda.
