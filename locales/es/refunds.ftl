# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Reembolsos y pedidos que aún se están aclarando
payment-unmatched-refunding = No pudimos asociar tu pago a tu pedido, así que no se ha pedido nada y te estamos devolviendo el pago automáticamente. Empieza de nuevo con /buy.
payment-unmatched-manual = No pudimos asociar tu pago a tu pedido, así que no se ha pedido nada. Nuestro equipo te lo devolverá pronto; empieza de nuevo con /buy.
refund-unmatched-done = ↩️ Tu pago de { $price } no se pudo asociar a ningún pedido y te lo hemos devuelto.
delivery-reconciling = ⏳ Nuestro proveedor aún no ha confirmado tu eSIM ({ $plan }). Lo estamos aclarando con él: recibirás la eSIM aquí en cuanto la confirme, o te devolveremos { $price } si no es posible. No tienes que hacer nada.
topup-reconciling = ⏳ Nuestro proveedor aún no ha confirmado tu recarga ({ $plan }). Lo estamos aclarando con él: te la confirmaremos aquí en cuanto se aplique, o te devolveremos { $price } si no es posible. No tienes que hacer nada.
delivery-handed-to-operator = 🧑‍💼 Seguimos sin poder confirmar tu eSIM ({ $plan }) con nuestro proveedor, así que nuestro equipo se ha hecho cargo. Lo resolverá personalmente: la eSIM o la devolución de { $price }.
topup-handed-to-operator = 🧑‍💼 Seguimos sin poder confirmar tu recarga ({ $plan }) con nuestro proveedor, así que nuestro equipo se ha hecho cargo. Lo resolverá personalmente: la recarga o la devolución de { $price }.
