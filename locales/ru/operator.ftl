# Сообщения в HTML (parse_mode HTML): переменные экранирует код.

## Оповещения оператору (ADMIN_IDS)
admin-refund-needed =
    ⚠️ Нужен ручной возврат
    Заказ: <code>{ $order }</code>
    Пользователь: <code>{ $user }</code>
    Сумма: { $price }
    Платёж: <code>{ $charge }</code>
    Причина: { $reason }
