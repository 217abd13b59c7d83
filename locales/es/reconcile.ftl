# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Avisos al operador sobre el dinero (ADMIN_IDS)
admin-unmatched-payment =
    ⚠️ Pago que no corresponde a su pedido: no se ha pedido nada
    Payload: <code>{ $payload }</code>
    Usuario: <code>{ $user }</code>
    Importe: { $price }
    Cargo: <code>{ $charge }</code>
    Motivo: { $reason }
    { $automatic ->
        [yes] Las estrellas se están devolviendo automáticamente.
       *[no] Devuélvelo a mano, por favor.
    }
admin-order-reconciling =
    ⏳ Pedido sin resolver en su plazo
    Pedido: <code>{ $order }</code>
    Usuario: <code>{ $user }</code>
    Importe: { $price }
    Último error: { $reason }
    La respuesta del proveedor es desconocida: la tienda sigue buscando el pedido y lo entregará tarde, lo reembolsará si el proveedor dice que no existe, o te lo pasará.
admin-order-handed-over =
    🆘 Un pedido te necesita: la respuesta del proveedor sigue siendo desconocida
    Pedido: <code>{ $order }</code>
    Usuario: <code>{ $user }</code>
    Importe: { $price }
    Motivo: { $reason }
    Consulta al proveedor el external_order_id <code>{ $order }</code> y entrega la eSIM o devuelve el pago.
admin-refund-failed =
    ⚠️ Telegram rechazó un reembolso
    Pedido: <code>{ $order }</code>
    Usuario: <code>{ $user }</code>
    Importe: { $price }
    Cargo: <code>{ $charge }</code>
    Error: { $reason }
    Resuélvelo a mano, por favor.
admin-refund-elsewhere =
    ℹ️ Se registró un reembolso hecho fuera de la tienda (según el registro de estrellas de Telegram)
    Pedido: <code>{ $order }</code> ({ $status })
    Usuario: <code>{ $user }</code>
    Importe: { $price }
    Cargo: <code>{ $charge }</code>
