# Сообщения в HTML (parse_mode HTML): переменные экранирует код.

## Оповещения оператору о деньгах (ADMIN_IDS)
admin-unmatched-payment =
    ⚠️ Платёж не соответствует заказу: ничего не заказано
    Payload: <code>{ $payload }</code>
    Пользователь: <code>{ $user }</code>
    Сумма: { $price }
    Платёж: <code>{ $charge }</code>
    Причина: { $reason }
    { $automatic ->
        [yes] Звёзды возвращаются автоматически.
       *[no] Верните платёж вручную.
    }
admin-order-reconciling =
    ⏳ Заказ не решён к сроку
    Заказ: <code>{ $order }</code>
    Пользователь: <code>{ $user }</code>
    Сумма: { $price }
    Последняя ошибка: { $reason }
    Ответ поставщика неизвестен: магазин продолжает искать заказ и доставит его позже, вернёт деньги, если поставщик скажет, что заказа нет, или передаст его вам.
admin-order-handed-over =
    🆘 Заказ требует вашего участия: ответ поставщика так и не известен
    Заказ: <code>{ $order }</code>
    Пользователь: <code>{ $user }</code>
    Сумма: { $price }
    Причина: { $reason }
    Проверьте у поставщика external_order_id <code>{ $order }</code>, затем доставьте eSIM или верните платёж.
admin-refund-failed =
    ⚠️ Telegram отказал в возврате
    Заказ: <code>{ $order }</code>
    Пользователь: <code>{ $user }</code>
    Сумма: { $price }
    Платёж: <code>{ $charge }</code>
    Ошибка: { $reason }
    Разберитесь с ним вручную.
admin-refund-elsewhere =
    ℹ️ Записан возврат, сделанный вне магазина (по журналу звёзд Telegram)
    Заказ: <code>{ $order }</code> ({ $status })
    Пользователь: <code>{ $user }</code>
    Сумма: { $price }
    Платёж: <code>{ $charge }</code>
