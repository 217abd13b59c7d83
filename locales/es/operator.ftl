# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Avisos al operador (ADMIN_IDS)
admin-refund-needed =
    ⚠️ Hace falta un reembolso manual
    Pedido: <code>{ $order }</code>
    Usuario: <code>{ $user }</code>
    Importe: { $price }
    Cargo: <code>{ $charge }</code>
    Motivo: { $reason }
