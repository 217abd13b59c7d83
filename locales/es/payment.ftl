# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Pago
precheckout-unknown-order = Esta factura ya no es válida. Empieza de nuevo con /buy.
precheckout-wrong-user = Esta factura es de otra persona. Envía /buy para obtener la tuya.
precheckout-already-paid = Este pedido ya está pagado. Tu eSIM está en camino a este chat.
precheckout-expired = Esta factura ha caducado. Empieza de nuevo con /buy.
precheckout-not-sold = Este plan ya no está a la venta. Elige otro con /buy.
precheckout-price-changed = El precio de este plan ha cambiado. Empieza de nuevo con /buy para ver el precio nuevo.
payment-received = ✅ Pago recibido. Estoy preparando tu eSIM; suele tardar menos de un minuto.
payment-duplicate-refunded = Pagaste dos veces el pedido { $order }. Te hemos devuelto el segundo pago de { $price }.
payment-duplicate-manual = Pagaste dos veces el pedido { $order }. Te devolveremos pronto el segundo pago de { $price }.
